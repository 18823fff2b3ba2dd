package org.r1j.kernel.jshell;

import java.util.List;

/**
 * Cell code threw: carries the live exception and the readable frames of cell code ("cell line 3",
 * "method f, cell [2] line 4"), so the notebook shows those instead of the JShell wrapper's internals.
 */
public final class CellRuntimeException extends RuntimeException {
    private final List<String> cellFrames;

    public CellRuntimeException(Throwable thrown, List<String> cellFrames) {
        super(thrown.toString(), thrown);
        this.cellFrames = List.copyOf(cellFrames);
    }

    /** The exception the cell threw. */
    public Throwable thrown() {
        return getCause();
    }

    public List<String> cellFrames() {
        return cellFrames;
    }
}
