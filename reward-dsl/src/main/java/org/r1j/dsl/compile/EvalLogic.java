package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Unknown;

/**
 * {@code and} / {@code or} with Kleene's three-valued logic: false and unknown = false, true or unknown = true,
 * otherwise unknown. The right side is skipped when the left decides.
 */
record EvalLogic(boolean isAnd, Eval left, Eval right) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object l = left.eval(frame, locals);
        Boolean decisive = !isAnd;
        if (decisive.equals(l)) return l;
        Object r = right.eval(frame, locals);
        if (decisive.equals(r)) return r;
        if (l instanceof Unknown) return l;
        return r;
    }
}
