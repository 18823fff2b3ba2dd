package org.r1j.dsl.compile;

/** Reads a let slot. */
record EvalLocal(int slot) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        return locals[slot];
    }
}
