package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Unknown;

/** {@code x ?? y}: x unless it is unknown, then y. */
record EvalDefault(Eval left, Eval right) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object l = left.eval(frame, locals);
        return l instanceof Unknown ? right.eval(frame, locals) : l;
    }
}
