package org.r1j.kernel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds {@link KernelExtension}s through ServiceLoader and installs each class once. */
final class ExtensionLoader {
    private final Set<String> installed = ConcurrentHashMap.newKeySet();

    /** Installs extensions visible from {@code loader} not installed yet; returns their class names. */
    List<String> load(ClassLoader loader, R1jKernel kernel) {
        List<String> names = new ArrayList<>();
        try {
            for (KernelExtension extension : ServiceLoader.load(KernelExtension.class, loader)) {
                String name = extension.getClass().getName();
                if (installed.add(name)) {
                    extension.install(kernel);
                    names.add(name);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new MagicException("a kernel extension could not be loaded: " + e.getMessage(), e);
        }
        return names;
    }
}
