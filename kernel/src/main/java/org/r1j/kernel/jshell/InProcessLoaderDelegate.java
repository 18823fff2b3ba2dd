package org.r1j.kernel.jshell;

import java.io.File;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Defines cell classes in a {@link CellClassLoader} inside the kernel JVM (no second JVM, no JDI). */
final class InProcessLoaderDelegate implements LoaderDelegate {
    private final CellClassLoader loader;
    /** Entries of the kernel's own -cp: adding them again would load a second copy of each class. */
    private final Set<String> kernelClasspath = new LinkedHashSet<>();
    private final List<String> wrappers = new java.util.ArrayList<>();

    InProcessLoaderDelegate(ClassLoader parent) {
        this.loader = new CellClassLoader(parent);
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                kernelClasspath.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
    }

    ClassLoader classLoader() {
        return loader;
    }

    /** Names of the top-level wrapper classes JShell has loaded ({@code REPL.$JShell$12}, {@code $12B} ...), in order. */
    List<String> wrapperClasses() {
        synchronized (wrappers) {
            return List.copyOf(wrappers);
        }
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
            if (c.name().lastIndexOf('$') == "REPL.$JShell".length()) {
                synchronized (wrappers) {
                    wrappers.add(c.name());
                }
            }
        }
        for (int i = 0; i < classes.length; i++) {
            try {
                Class.forName(classes[i].name(), false, loader);
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        // JShell only calls this after a successful redefine, which the in-process engine never reports.
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : List.of(path.split(File.pathSeparator))) {
            if (entry.isBlank() || kernelClasspath.contains(Path.of(entry).toAbsolutePath().normalize().toString())) {
                continue;
            }
            try {
                loader.addURL(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("bad class path entry " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }
}
