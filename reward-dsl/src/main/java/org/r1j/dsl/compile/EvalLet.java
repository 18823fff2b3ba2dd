package org.r1j.dsl.compile;

/** {@code let a = x, b = y in body}: fills the slots in order, then evaluates the body. */
record EvalLet(int[] slots, Eval[] values, Eval body) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        for (int i = 0; i < slots.length; i++) locals[slots[i]] = values[i].eval(frame, locals);
        return body.eval(frame, locals);
    }
}
