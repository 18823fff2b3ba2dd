package org.r1j.kernel.magics;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;

/**
 * {@code %classpath PATH...} and {@code %jars PATH...}: add jars or class folders (a file-name glob such as
 * {@code lib/*.jar} is expanded) for later cells; {@code @FILE} adds every entry of a classpath file (the
 * {@code path:path:…} that Maven's build-classpath writes, e.g. {@code @scale/target/r1j-scale.classpath} for Spark).
 * Without arguments: list what was added.
 */
public final class ClasspathMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) throws IOException {
        if (args.isEmpty()) {
            List<String> added = kernel.java().addedClasspath();
            System.out.println(added.isEmpty() ? "(nothing added; the kernel's own classpath is always there)" : String.join("\n", added));
            return null;
        }
        List<String> entries = new ArrayList<>();
        for (String arg : args) {
            entries.addAll(expand(arg));
        }
        kernel.addToClasspath(String.join(File.pathSeparator, entries));
        System.out.println("added " + entries.size() + (entries.size() == 1 ? " entry" : " entries") + " to the classpath");
        return null;
    }

    static List<String> expand(String arg) throws IOException {
        if (arg.startsWith("@")) {
            Path file = Path.of(arg.substring(1));
            if (!Files.isRegularFile(file)) throw new MagicException("no such classpath file: " + file);
            String listed = Files.readString(file).strip();
            if (listed.isEmpty()) throw new MagicException("classpath file " + file + " is empty");
            return expand(listed);
        }
        for (String entry : arg.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                throw new MagicException("empty classpath entry in " + arg);
            }
        }
        List<String> out = new ArrayList<>();
        for (String entry : arg.split(File.pathSeparator)) {
            Path path = Path.of(entry.startsWith("~/") ? System.getProperty("user.home") + entry.substring(1) : entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.contains("*") || name.contains("?")) {
                Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
                PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
                try (Stream<Path> files = Files.list(dir)) {
                    List<String> matched = files.filter(f -> glob.matches(f.getFileName())).sorted()
                            .map(f -> f.toAbsolutePath().toString()).toList();
                    if (matched.isEmpty()) {
                        throw new MagicException("no file matches " + entry);
                    }
                    out.addAll(matched);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new MagicException("no such folder: " + dir);
                }
            } else {
                if (!Files.exists(path)) {
                    throw new MagicException("no such file or folder: " + entry);
                }
                out.add(path.toAbsolutePath().toString());
            }
        }
        return out;
    }
}
