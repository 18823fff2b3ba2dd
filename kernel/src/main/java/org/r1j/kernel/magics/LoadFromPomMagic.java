package org.r1j.kernel.magics;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;

/**
 * {@code %loadFromPOM FILE}: the compile and runtime dependencies of a pom.xml (with its repositories, its
 * {@code <properties>} and its own {@code <dependencyManagement>}), resolved as {@code %maven} does. Parent POMs
 * and imported BOMs are not read: a dependency left without a version says so.
 */
public final class LoadFromPomMagic implements LineMagic {
    private static final Set<String> SCOPES = Set.of("compile", "runtime");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final MavenResolver resolver;

    public LoadFromPomMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) throws Exception {
        if (args.size() != 1) {
            throw new MagicException("%loadFromPOM needs one pom.xml, e.g. %loadFromPOM ../myproject/pom.xml");
        }
        Path pom = Path.of(args.get(0));
        Model model;
        try (Reader r = Files.newBufferedReader(pom, StandardCharsets.UTF_8)) {
            model = new MavenXpp3Reader().read(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MagicException(pom + ": no such file");
        } catch (XmlPullParserException e) {
            throw new MagicException(pom + ":" + e.getLineNumber() + ": " + e.getMessage());
        }
        Map<String, String> props = properties(model);
        for (Repository repo : model.getRepositories()) {
            resolver.addRepository(repo.getId(), interpolate(repo.getUrl(), props));
        }
        Map<String, String> managed = new HashMap<>();
        if (model.getDependencyManagement() != null) {
            model.getDependencyManagement().getDependencies().forEach(d ->
                    managed.put(d.getGroupId() + ":" + d.getArtifactId(), interpolate(d.getVersion(), props)));
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? "compile" : d.getScope();
            if (!SCOPES.contains(scope) || d.isOptional()) {
                continue;
            }
            String g = interpolate(d.getGroupId(), props);
            String a = interpolate(d.getArtifactId(), props);
            String v = d.getVersion() != null ? interpolate(d.getVersion(), props) : managed.get(g + ":" + a);
            if (v == null || v.contains("${")) {
                throw new MagicException(pom + ": dependency " + g + ":" + a + " has no version here"
                        + " (its parent POM or an imported BOM would set it; those are not read: give the version, or use %maven)");
            }
            dependencies.add(new Dependency(new DefaultArtifact(g, a, d.getClassifier(), d.getType() == null ? "jar" : d.getType(), v), scope));
        }
        if (dependencies.isEmpty()) {
            System.out.println(pom + " has no compile or runtime dependencies");
            return null;
        }
        try {
            MavenMagic.addToKernel(kernel, resolver.resolveDependencies(dependencies, false), dependencies.size() + " dependencies of " + pom);
        } catch (DependencyResolutionException e) {
            throw new MagicException("could not resolve the dependencies of " + pom + ":\n  " + MavenResolver.describe(e));
        }
        return null;
    }

    private static Map<String, String> properties(Model model) {
        Map<String, String> props = new HashMap<>();
        model.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        String version = model.getVersion() != null ? model.getVersion() : model.getParent() != null ? model.getParent().getVersion() : null;
        String group = model.getGroupId() != null ? model.getGroupId() : model.getParent() != null ? model.getParent().getGroupId() : null;
        if (version != null) props.put("project.version", version);
        if (group != null) props.put("project.groupId", group);
        return props;
    }

    static String interpolate(String s, Map<String, String> props) {
        if (s == null) {
            return null;
        }
        String out = s;
        for (int round = 0; round < 10 && out.contains("${"); round++) { // properties may refer to properties
            Matcher m = PROPERTY.matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String value = props.getOrDefault(m.group(1), System.getProperty(m.group(1)));
                m.appendReplacement(b, Matcher.quoteReplacement(value != null ? value : m.group()));
            }
            m.appendTail(b);
            if (b.toString().equals(out)) {
                break;
            }
            out = b.toString();
        }
        return out;
    }
}
