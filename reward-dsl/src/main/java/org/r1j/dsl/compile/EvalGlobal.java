package org.r1j.dsl.compile;

/** A reference to a def or reward: evaluated once per sample and memoised in the frame. */
record EvalGlobal(int index) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        return frame.global(index);
    }
}
