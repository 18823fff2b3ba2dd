package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Unknown;

/** {@code not x}. */
record EvalNot(Eval operand) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object v = operand.eval(frame, locals);
        return v instanceof Unknown ? v : !(Boolean) v;
    }
}
