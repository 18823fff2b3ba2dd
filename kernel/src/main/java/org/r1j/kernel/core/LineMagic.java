package org.r1j.kernel.core;

import java.util.List;

/** {@code %name args}: runs with the kernel's context; a non-null result is displayed like a cell value. */
@FunctionalInterface
public interface LineMagic {
    Object run(KernelContext kernel, List<String> args, String rawArgs) throws Exception;
}
