package org.r1j.kernel.magics;

import java.util.List;
import org.r1j.kernel.control.CellTimeout;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;

/**
 * {@code %timeout [LIMIT|off]}: the time limit for each later cell (90s, 5m, 2h); a cell past it is stopped as an
 * interrupt would stop it. No argument: print the limit. The session starts with {@code R1J_CELL_TIMEOUT}.
 */
public final class TimeoutMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        if (!rawArgs.isBlank()) {
            kernel.setCellTimeout(CellTimeout.parse(rawArgs, "%timeout"));
        }
        System.out.println("cell time limit: " + (kernel.cellTimeout() == null ? "none" : CellTimeout.format(kernel.cellTimeout())));
        return null;
    }
}
