package org.r1j.kernel.core;

import org.r1j.kernel.jshell.JavaEvaluator;

/**
 * A cell's way through the kernel: split into parts ({@link CellParser}), then magics by the registry and Java by
 * JShell, in order. The value of the last part is the cell's value.
 */
public final class EvalChain {
    private final MagicRegistry magics;

    public EvalChain(MagicRegistry magics) {
        this.magics = magics;
    }

    public JavaEvaluator.Value eval(KernelContext kernel, String cell, int firstLine) throws Exception {
        JavaEvaluator.Value last = new JavaEvaluator.Value(false, null);
        for (CellPart part : CellParser.parse(cell)) {
            int line = firstLine + part.line() - 1;
            if (part instanceof CellPart.Java j) {
                last = kernel.java().eval(j.code(), kernel.cellNumber(), line);
            } else if (part instanceof CellPart.LineMagicCall m) {
                last = valueOf(magics.lineMagic(m.name()).run(kernel, m.args(), m.rawArgs()));
            } else if (part instanceof CellPart.CellMagicCall m) {
                last = valueOf(magics.cellMagic(m.name()).run(kernel, m.args(), m.body(), firstLine + m.bodyLine() - 1));
            }
        }
        return last;
    }

    /** Magics return a {@link JavaEvaluator.Value} to pass a cell value through, any other object to show it, or null. */
    private static JavaEvaluator.Value valueOf(Object result) {
        if (result instanceof JavaEvaluator.Value v) {
            return v;
        }
        return new JavaEvaluator.Value(result != null, result);
    }
}
