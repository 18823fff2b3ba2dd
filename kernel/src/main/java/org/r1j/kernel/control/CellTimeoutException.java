package org.r1j.kernel.control;

import java.time.Duration;

/** A cell ran past the per-cell time limit ({@code R1J_CELL_TIMEOUT} or {@code %timeout}) and was stopped. */
public final class CellTimeoutException extends Exception {
    public CellTimeoutException(Duration limit) {
        super("the cell ran past its " + CellTimeout.format(limit) + " limit and was stopped (%timeout changes the limit); the kernel is ready");
    }
}
