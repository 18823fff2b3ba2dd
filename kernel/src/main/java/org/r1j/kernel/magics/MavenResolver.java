package org.r1j.kernel.magics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.r1j.kernel.core.MagicException;

/**
 * Resolves Maven coordinates with their transitive runtime dependencies by running Maven on a throw-away pom
 * ({@code dependency:build-classpath}): the same resolver, settings, mirrors and local repository as the build.
 */
final class MavenResolver {
    private static final Pattern COORDINATE = Pattern.compile("[\\w.-]+:[\\w.-]+(:[\\w.-]+){1,3}");
    /** Pinned like the build's own plugin (pom.xml), so resolution does not depend on Maven's defaults. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private final List<String> mavenCommand;

    MavenResolver(List<String> mavenCommand) {
        this.mavenCommand = mavenCommand;
    }

    /** The repository's ./mvnw when the kernel knows its root (the launcher sets r1j.root), else mvn on the PATH. */
    static MavenResolver fromEnvironment() {
        String root = System.getProperty("r1j.root");
        if (root != null && Files.isExecutable(Path.of(root, "mvnw"))) {
            return new MavenResolver(List.of(Path.of(root, "mvnw").toString()));
        }
        return new MavenResolver(List.of("mvn"));
    }

    /** G:A:V (or G:A:packaging:V, G:A:packaging:classifier:V) as a pom dependency element. */
    static String dependencyXml(String coordinate) {
        if (!COORDINATE.matcher(coordinate).matches()) {
            throw new MagicException("not a Maven coordinate: " + coordinate + " (expected groupId:artifactId:version)");
        }
        String[] p = coordinate.split(":");
        String type = p.length >= 4 ? "<type>" + p[2] + "</type>" : "";
        String classifier = p.length == 5 ? "<classifier>" + p[3] + "</classifier>" : "";
        return "<dependency><groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId><version>"
                + p[p.length - 1] + "</version>" + type + classifier + "</dependency>";
    }

    static String pom(List<String> coordinates) {
        StringBuilder deps = new StringBuilder();
        coordinates.forEach(c -> deps.append("    ").append(dependencyXml(c)).append('\n'));
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>org.r1j.kernel</groupId><artifactId>maven-magic</artifactId><version>1</version>\n"
                + "  <dependencies>\n" + deps + "  </dependencies>\n</project>\n";
    }

    /** The resolved jars, dependencies included. */
    List<Path> resolve(List<String> coordinates, boolean offline) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("r1j-maven");
        try {
            Files.writeString(dir.resolve("pom.xml"), pom(coordinates));
            Path classpathFile = dir.resolve("classpath.txt");
            List<String> command = new ArrayList<>(mavenCommand);
            command.addAll(List.of("-q", "-B", "-f", dir.resolve("pom.xml").toString(),
                    DEPENDENCY_PLUGIN + ":build-classpath", "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime"));
            if (offline) {
                command.add("-o");
            }
            Path log = dir.resolve("maven.log");
            Process process;
            try {
                process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new MagicException("cannot run Maven (" + command.get(0) + "): " + e.getMessage()
                        + "; install Maven or start the kernel with ./r1j, which knows the project's ./mvnw");
            }
            try {
                if (process.waitFor() != 0) {
                    throw new MagicException("Maven could not resolve " + String.join(", ", coordinates) + ":\n" + tail(log));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                throw e;
            }
            String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            List<Path> jars = new ArrayList<>();
            for (String entry : classpath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            return jars;
        } finally {
            deleteTree(dir);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("ERROR") || l.contains("Could not")).toList();
        List<String> shown = lines.isEmpty() ? Files.readAllLines(log, StandardCharsets.UTF_8) : lines;
        return String.join("\n", shown.subList(Math.max(0, shown.size() - 8), shown.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
