package org.r1j.kernel.core;

import java.util.List;

/** A piece of a cell, as {@link CellParser} splits it: Java code, a line magic, or a cell magic with its body. */
public sealed interface CellPart {
    /** 1-based cell line the part starts on (for messages). */
    int line();

    record Java(String code, int line) implements CellPart {}

    /** {@code %name args} on a line of its own. */
    record LineMagicCall(String name, List<String> args, String rawArgs, int line) implements CellPart {}

    /** {@code %%name args} on the first line; the rest of the cell is {@code body}, starting at {@code bodyLine}. */
    record CellMagicCall(String name, List<String> args, String rawArgs, String body, int line, int bodyLine) implements CellPart {}
}
