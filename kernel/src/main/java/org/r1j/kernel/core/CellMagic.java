package org.r1j.kernel.core;

import java.util.List;

/** {@code %%name args} + body: {@code bodyLine} is the cell line the body starts on, for diagnostics. */
@FunctionalInterface
public interface CellMagic {
    Object run(KernelContext kernel, List<String> args, String body, int bodyLine) throws Exception;
}
