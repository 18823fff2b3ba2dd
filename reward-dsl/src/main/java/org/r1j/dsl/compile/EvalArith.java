package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Unknown;

/** {@code + - * / %} on numbers, {@code +} on text. Division by zero and other non-finite results are unknown. */
record EvalArith(char op, Eval left, Eval right) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object l = left.eval(frame, locals);
        if (l instanceof Unknown) return l;
        Object r = right.eval(frame, locals);
        if (r instanceof Unknown) return r;
        if (l instanceof String a) return a + r;
        double a = (Double) l, b = (Double) r;
        double v = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> a / b;
            default -> a % b;
        };
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Unknown.of((op == '/' || op == '%') && b == 0 ? "division by zero" : "not a finite number");
        }
        return v;
    }
}
