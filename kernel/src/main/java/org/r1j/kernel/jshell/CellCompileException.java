package org.r1j.kernel.jshell;

import java.util.List;

/** A cell did not compile; the message lists each error at the cell's own line:col with the line and a caret. */
public final class CellCompileException extends RuntimeException {
    private final List<String> lines;

    public CellCompileException(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
