package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Unknown;

/** {@code if c then a else b}; an unknown condition makes the whole expression unknown. */
record EvalIf(Eval cond, Eval then, Eval otherwise) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object c = cond.eval(frame, locals);
        if (c instanceof Unknown) return c;
        return (Boolean) c ? then.eval(frame, locals) : otherwise.eval(frame, locals);
    }
}
