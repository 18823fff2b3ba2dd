package org.r1j.kernel.jshell;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells, plus jars added by {@code %classpath}/{@code %maven}.
 * Its parent is the kernel's own (system) class loader, so cells see r1j, ND4J and Tablesaw exactly as the kernel
 * loaded them: native libraries (JavaCPP) load once, in one class loader.
 */
final class CellClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Class name -> bytecode of cell classes not yet defined (JShell hands them over before first use). */
    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

    CellClassLoader(ClassLoader parent) {
        super("r1j-cells", new URL[0], parent);
    }

    void declare(String name, byte[] bytecode) {
        pending.put(name, bytecode);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytecode = pending.remove(name);
        if (bytecode != null) {
            return defineClass(name, bytecode, 0, bytecode.length);
        }
        return super.findClass(name);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}
