package org.r1j.kernel.magics;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.r1j.kernel.core.MagicException;

/**
 * {@code %maven [--offline] G:A:V...}: resolves artifacts and their transitive dependencies in-process
 * ({@link MavenResolver}: Maven Central, {@code %mavenRepo} repositories, settings.xml mirrors; only the local
 * repository with {@code --offline}) and adds them to the classpath. Artifacts the kernel already has (ND4J,
 * Tablesaw, Jackson, ...) are skipped: a second copy would clash with the kernel's own classes.
 */
public final class MavenMagic implements LineMagic {
    private final MavenResolver resolver;

    public MavenMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) throws Exception {
        boolean offline = args.contains("--offline") || args.contains("-o");
        List<String> coordinates = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (coordinates.isEmpty()) {
            throw new MagicException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-csv:1.12.0");
        }
        coordinates.forEach(MavenResolver::artifact); // validates them all first
        List<Path> jars;
        try {
            jars = resolver.resolve(coordinates, offline);
        } catch (DependencyResolutionException e) {
            throw new MagicException("could not resolve " + String.join(", ", coordinates) + ":\n  " + MavenResolver.describe(e));
        }
        addToKernel(kernel, jars, String.join(", ", coordinates));
        return null;
    }

    /** Adds the jars the kernel does not have yet; says what it added and what it kept. */
    static void addToKernel(KernelContext kernel, List<Path> jars, String what) {
        List<String> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Path> kernelArtifacts = artifactDirs(System.getProperty("java.class.path", ""));
        for (Path jar : jars) {
            if (kernelArtifacts.contains(artifactDir(jar))) {
                skipped.add(jar.getFileName().toString());
            } else {
                added.add(jar.toString());
            }
        }
        if (!added.isEmpty()) {
            kernel.addToClasspath(String.join(File.pathSeparator, added));
        }
        System.out.println("added " + added.size() + " jar(s) for " + what
                + (skipped.isEmpty() ? "" : "; kept the kernel's own " + String.join(", ", skipped)));
    }

    /** ~/.m2/repository/group/artifact/version/x.jar -> ~/.m2/repository/group/artifact: same artifact, any version. */
    static Path artifactDir(Path jar) {
        Path abs = jar.toAbsolutePath().normalize();
        return abs.getParent() == null || abs.getParent().getParent() == null ? abs : abs.getParent().getParent();
    }

    static Set<Path> artifactDirs(String classpath) {
        Set<Path> dirs = new HashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                dirs.add(artifactDir(Path.of(entry)));
            }
        }
        return dirs;
    }
}
