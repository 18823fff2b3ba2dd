package org.r1j.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

/**
 * Frees what cells no longer reach. JShell keeps each variable as a static field of its snippet's wrapper class, and
 * re-running {@code var x = ...} loads a new wrapper ({@code $JShell$7B}) while the old one, and its value, stay
 * loaded in the same class loader: a re-defined 500 MB array would be kept forever. This nulls such fields.
 */
final class SnippetMemory {
    private final InProcessLoaderDelegate loader;

    SnippetMemory(InProcessLoaderDelegate loader) {
        this.loader = loader;
    }

    /**
     * Nulls field {@code name} in the old definitions of a re-defined variable. JShell keeps one key per variable
     * name: its wrappers are {@code $JShell$7}, {@code $7B}, {@code $7C}... and the newest loaded holds the live value
     * (JShell re-uses the newest without loading when a re-definition compiles to the same bytes).
     */
    int releaseOverwritten(String name) {
        java.util.Map<String, String> newest = new java.util.HashMap<>();
        List<String> classes = loader.wrapperClasses();
        classes.forEach(c -> newest.put(family(c), c));
        int released = 0;
        for (String c : classes) {
            if (!newest.get(family(c)).equals(c)) {
                released += release(c, Set.of(name));
            }
        }
        return released;
    }

    /** {@code REPL.$JShell$7B} -> {@code REPL.$JShell$7}: the wrappers of one snippet key. */
    static String family(String wrapperClass) {
        return wrapperClass.replaceAll("[A-Z]+$", "");
    }

    /** Nulls every reference field of every wrapper ({@code %reset}). */
    int releaseAll() {
        int released = 0;
        for (String c : loader.wrapperClasses()) {
            released += release(c, null);
        }
        return released;
    }

    private int release(String className, Set<String> names) {
        Class<?> wrapper;
        try {
            wrapper = loader.findClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return 0;
        }
        int released = 0;
        for (Field f : wrapper.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || Modifier.isFinal(m) || f.getType().isPrimitive() || (names != null && !names.contains(f.getName()))) {
                continue;
            }
            try {
                f.setAccessible(true);
                if (f.get(null) != null) {
                    f.set(null, null);
                    released++;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a field we may not write: leave it
            }
        }
        return released;
    }
}
