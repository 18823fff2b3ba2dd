package org.r1j.kernel.magics;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.r1j.kernel.core.MagicException;

/**
 * Resolves Maven coordinates with their transitive runtime dependencies in the kernel's JVM with Maven Resolver (the
 * library inside Maven; {@code maven-resolver-supplier-mvn3} wires it as Maven 3 does), started once per kernel: no
 * Maven process per call. Honours {@code ~/.m2/settings.xml} (local repository, offline, mirrors, proxies, server
 * credentials) and {@code -Dmaven.repo.local}; repositories added with {@code %mavenRepo} are searched after Central.
 */
public final class MavenResolver {
    private static final Pattern COORDINATE = Pattern.compile("[\\w.-]+:[\\w.-]+(:[\\w.-]+){1,3}");
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path settingsFile;
    private final Path localRepositoryOverride;
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private RepositorySystem system;

    /**
     * @param settingsFile            the user's settings.xml (may not exist)
     * @param localRepositoryOverride {@code -Dmaven.repo.local}, or null for settings.xml's or ~/.m2/repository
     */
    MavenResolver(Path settingsFile, Path localRepositoryOverride) {
        this.settingsFile = settingsFile;
        this.localRepositoryOverride = localRepositoryOverride;
        repositories.put("central", new RemoteRepository.Builder("central", "default", CENTRAL).build());
    }

    /** The kernel's: the user's settings.xml and local repository, as Maven on this machine uses them. */
    public static MavenResolver fromEnvironment() {
        String local = System.getProperty("maven.repo.local");
        return new MavenResolver(Path.of(System.getProperty("user.home"), ".m2", "settings.xml"),
                local == null || local.isBlank() ? null : Path.of(local));
    }

    /** G:A:V, G:A:extension:V or G:A:extension:classifier:V; a clear error for anything else. */
    static DefaultArtifact artifact(String coordinate) {
        if (!COORDINATE.matcher(coordinate).matches()) {
            throw new MagicException("not a Maven coordinate: " + coordinate + " (expected groupId:artifactId:version)");
        }
        String[] p = coordinate.split(":");
        return switch (p.length) {
            case 3 -> new DefaultArtifact(p[0], p[1], "jar", p[2]);
            case 4 -> new DefaultArtifact(p[0], p[1], p[2], p[3]);
            default -> new DefaultArtifact(p[0], p[1], p[3], p[2], p[4]);
        };
    }

    /** Adds (or replaces) a remote repository searched by later calls; {@code url} may be {@code file:} too. */
    public synchronized void addRepository(String id, String url) {
        if (!id.matches("[\\w.-]+")) {
            throw new MagicException("a repository id is letters, digits, '.', '-', '_': " + id);
        }
        if (!url.matches("(?i)(https?|file):.+")) {
            throw new MagicException("not a repository URL: " + url + " (http://, https:// or file:)");
        }
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    public synchronized List<RemoteRepository> repositories() {
        return List.copyOf(repositories.values());
    }

    /** The resolved jars (and other files), dependencies included, in resolution order. */
    public List<Path> resolve(List<String> coordinates, boolean offline) throws DependencyResolutionException {
        List<Dependency> dependencies = new ArrayList<>();
        for (String c : coordinates) {
            dependencies.add(new Dependency(artifact(c), JavaScopes.RUNTIME));
        }
        return resolveDependencies(dependencies, offline);
    }

    synchronized List<Path> resolveDependencies(List<Dependency> dependencies, boolean offline) throws DependencyResolutionException {
        Settings settings = settings();
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        Path local = localRepositoryOverride != null ? localRepositoryOverride
                : settings.getLocalRepository() != null && !settings.getLocalRepository().isBlank() ? Path.of(settings.getLocalRepository())
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(local)
                .setOffline(offline || settings.isOffline())
                .setSystemProperties(System.getProperties())
                .setConfigProperty("aether.offline.protocols", "file") // offline means no network: file: repositories still serve
                .setMirrorSelector(mirrors(settings))
                .setProxySelector(proxies(settings))
                .setAuthenticationSelector(credentials(settings));
        try (RepositorySystemSession.CloseableSession session = builder.build()) {
            CollectRequest collect = new CollectRequest(dependencies, List.of(), system.newResolutionRepositories(session, repositories()));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> files = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getPath() != null) {
                    files.add(r.getArtifact().getPath());
                }
            }
            return files;
        }
    }

    /** The effective user settings; a broken settings.xml is an error that says where. */
    Settings settings() {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        if (Files.isRegularFile(settingsFile)) {
            request.setUserSettingsFile(settingsFile.toFile());
        }
        Properties system = new Properties();
        system.putAll(System.getProperties());
        request.setSystemProperties(system);
        try {
            return new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new MagicException(settingsFile + ": " + e.getProblems().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
        }
    }

    private static DefaultMirrorSelector mirrors(Settings settings) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            selector.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        return selector;
    }

    private static DefaultProxySelector proxies(Settings settings) {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
            if (p.isActive()) {
                var auth = p.getUsername() == null ? null : new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build();
                selector.add(new Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth), p.getNonProxyHosts());
            }
        }
        return selector;
    }

    /** Plain credentials of servers by repository id (encrypted passwords are Maven's own business: not read). */
    private static DefaultAuthenticationSelector credentials(Settings settings) {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            if (s.getUsername() != null) {
                selector.add(s.getId(), new AuthenticationBuilder().addUsername(s.getUsername()).addPassword(s.getPassword()).build());
            }
        }
        return selector;
    }

    /** One line per failed artifact, for the cell. */
    static String describe(DependencyResolutionException e) {
        StringBuilder why = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && why.indexOf(t.getMessage()) < 0) {
                why.append(why.length() == 0 ? "" : "\n  ").append(t.getMessage());
            }
        }
        return why.toString();
    }

    static String pathList(List<Path> files) {
        return String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
    }
}
