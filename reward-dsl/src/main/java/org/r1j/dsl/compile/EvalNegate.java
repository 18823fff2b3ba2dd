package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Unknown;

/** {@code -x}. */
record EvalNegate(Eval operand) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object v = operand.eval(frame, locals);
        return v instanceof Unknown ? v : -(Double) v;
    }
}
