package org.r1j.dsl.compile;

import java.util.Objects;
import org.r1j.dsl.lib.Unknown;

/** Comparisons; numbers compare numerically, {@code ==}/{@code !=} compare any two values of one type. */
record EvalCompare(String op, Eval left, Eval right) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object l = left.eval(frame, locals);
        if (l instanceof Unknown) return l;
        Object r = right.eval(frame, locals);
        if (r instanceof Unknown) return r;
        return switch (op) {
            case "==" -> equal(l, r);
            case "!=" -> !equal(l, r);
            case "<" -> (Double) l < (Double) r;
            case "<=" -> (Double) l <= (Double) r;
            case ">" -> (Double) l > (Double) r;
            default -> (Double) l >= (Double) r;
        };
    }

    private static boolean equal(Object l, Object r) {
        if (l instanceof Double a && r instanceof Double b) return a.doubleValue() == b.doubleValue();
        return Objects.equals(l, r);
    }
}
