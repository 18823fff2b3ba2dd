package org.r1j.kernel.core;

/**
 * A plug-in found with {@link java.util.ServiceLoader} on the kernel's classpath, or in jars that
 * {@code %classpath}/{@code %maven} add: it may register magics and renderers. Installed at most once per class.
 */
public interface KernelExtension {
    void install(R1jKernel kernel);
}
