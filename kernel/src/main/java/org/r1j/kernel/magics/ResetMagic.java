package org.r1j.kernel.magics;

import java.util.List;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;

/** {@code %reset}: drops every variable, method and class the cells made (imports stay) and frees their memory. */
public final class ResetMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        if (!kernel.jobs().running().isEmpty()) {
            throw new MagicException("%reset would pull the variables from under running background jobs: %stop "
                    + String.join(", ", kernel.jobs().running().stream().map(j -> j.name()).toList()) + " first");
        }
        long before = MemoryMagic.heapUsedAfterGc();
        int dropped = kernel.reset();
        long after = MemoryMagic.heapUsedAfterGc();
        System.out.println("dropped " + dropped + " snippet(s); heap in use " + MemoryMagic.mb(before) + " -> " + MemoryMagic.mb(after));
        return null;
    }
}
