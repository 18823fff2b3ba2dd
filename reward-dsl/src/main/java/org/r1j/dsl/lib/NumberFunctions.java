package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.ANY;
import static org.r1j.dsl.check.Type.BOOL;
import static org.r1j.dsl.check.Type.LIST;
import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.TEXT;

import java.util.List;

/** Number built-ins: {@code clip}, {@code min}, {@code max}, {@code abs}, {@code num}, {@code number}, {@code known}. */
final class NumberFunctions {
    private NumberFunctions() {}

    static void register(Library l) {
        l.add(Function.of("clip", "clip(x, lo, hi): x limited to [lo, hi]",
                (a, c) -> Math.max((Double) a[1], Math.min((Double) a[2], (Double) a[0])),
                Signature.of(NUMBER, NUMBER, NUMBER, NUMBER)).quiet());
        l.add(Function.of("min", "min(x, y, …) or min(list): the smallest", (a, c) -> extreme(a, -1),
                Signature.variadic(NUMBER, NUMBER), Signature.of(NUMBER, LIST)).quiet());
        l.add(Function.of("max", "max(x, y, …) or max(list): the largest", (a, c) -> extreme(a, 1),
                Signature.variadic(NUMBER, NUMBER), Signature.of(NUMBER, LIST)).quiet());
        l.add(Function.of("abs", "abs(x)", (a, c) -> Math.abs((Double) a[0]), Signature.of(NUMBER, NUMBER)).quiet());
        l.add(Function.of("num", "num(b): 1 for true, 0 for false",
                (a, c) -> (Boolean) a[0] ? 1.0 : 0.0, Signature.of(NUMBER, BOOL)).quiet());
        l.add(Function.of("number", "number(text): the text read as a number (1,234.5 and 3/4 too); unknown if it is not one",
                (a, c) -> parse((String) a[0]), Signature.of(NUMBER, TEXT)));
        l.add(Function.of("known", "known(x): false when x is unknown, else true",
                (a, c) -> !(a[0] instanceof Unknown), Signature.of(BOOL, ANY)).quiet().takingUnknowns());
    }

    private static Object extreme(Object[] a, int sign) {
        Object[] items = a.length == 1 && a[0] instanceof List<?> l ? l.toArray() : a;
        Double best = null;
        for (Object o : items) {
            if (!(o instanceof Double d)) return Unknown.of("min/max of a list with a non-number: " + Values.show(o));
            if (best == null || Double.compare(d, best) * sign > 0) best = d;
        }
        return best == null ? Unknown.of("min/max of an empty list") : best;
    }

    static Object parse(String text) {
        String t = text.strip().replace(",", "").replace("_", "");
        if (t.length() > 100) return Unknown.of("not a number: " + Values.show(text));
        try {
            int slash = t.indexOf('/');
            if (slash > 0) return Double.parseDouble(t.substring(0, slash)) / Double.parseDouble(t.substring(slash + 1));
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Unknown.of("not a number: " + Values.show(text));
        }
    }
}
