package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Values;

/**
 * A call of a {@code def f(x: text) = …}: the arguments (unknown ones too, so the body's own {@code ??} and
 * three-valued logic apply) fill the body's first slots, then the body runs in fresh slots. Not memoised: the
 * value depends on the arguments. The explanation names the call: {@code f(`12`) → true}.
 */
record EvalFunctionCall(String name, Eval body, int locals, Eval[] args) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] callerLocals) {
        Object[] mine = new Object[locals];
        StringBuilder shown = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            mine[i] = args[i].eval(frame, callerLocals);
            shown.append(i == 0 ? "" : ", ").append(Values.show(mine[i]));
        }
        Object v = body.eval(frame, mine);
        frame.note(shown.append(") → ").append(Values.show(v)).toString());
        return v;
    }
}
