package org.r1j.dsl.compile;

/** A literal (number, text, bool, compiled regex). */
record EvalConst(Object value) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        return value;
    }
}
