package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Function;
import org.r1j.dsl.lib.Values;

/**
 * A group-level call ({@code group_max(len(completion))}): the argument is evaluated in every member's frame,
 * the values combined once per group and shared by all members.
 */
final class EvalGroupCall implements Eval {
    private final Function function;
    private final Eval arg;
    private final int argLocals;

    EvalGroupCall(Function function, Eval arg, int argLocals) {
        this.function = function;
        this.arg = arg;
        this.argLocals = argLocals;
    }

    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object v = frame.group().combined(this, () -> frame.group().valuesOf(arg, argLocals), function.aggregate());
        frame.note(function.name() + " → " + Values.show(v));
        return v;
    }
}
