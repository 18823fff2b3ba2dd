package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.BOOL;
import static org.r1j.dsl.check.Type.TEXT;

import java.util.Optional;
import org.r1j.dsl.lib.math.AnswerExtraction;
import org.r1j.dsl.lib.math.MathEqual;
import org.r1j.dsl.lib.math.MathVerdict;

/** Answer built-ins over the math library: {@code boxed}, {@code last_number}, {@code math_equal}. */
public final class AnswerFunctions {
    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    private AnswerFunctions() {}

    /**
     * Runs a few checks without a time limit, once per JVM, so that class loading and JIT of the math library do
     * not make the first real checks time out (they would come out unknown only because they came first).
     * The planner calls it when a program uses math_equal.
     */
    public static void warmUp() {
        if (!WARM.compareAndSet(false, true)) return;
        String[][] pairs = {{"\\frac{1}{2}", "0.5"}, {"2\\sqrt{2}", "\\sqrt{8}"}, {"x^2-1", "(x-1)(x+1)"},
                {"[0,1)", "(0,1]"}, {"x = 3", "3"}, {"12\\%", "0.12"}, {"1,234", "1234"}};
        for (int round = 0; round < 3; round++) {
            for (String[] p : pairs) {
                try {
                    MathEqual.check(p[0], p[1], 10_000);
                } catch (RuntimeException e) {
                    return;  // the real call will report it
                }
            }
        }
    }

    static void register(Library l) {
        l.add(Function.of("boxed", "boxed(text): content of the last \\boxed{…} / \\fbox{…}; unknown if there is none",
                (a, c) -> extract((String) a[0], c, AnswerExtraction::boxed, "no \\boxed{…}"), Signature.of(TEXT, TEXT)));
        l.add(Function.of("last_number", "last_number(text): the last number in the text (**73**, 1,234.5, -3, 3/4); unknown if there is none",
                (a, c) -> extract((String) a[0], c, AnswerExtraction::lastNumber, "no number"), Signature.of(TEXT, TEXT)));
        l.add(Function.of("math_equal", "math_equal(predicted, gold): mathematical equality (numbers, fractions, LaTeX, symbolic, sets, intervals, equations); unknown when undecidable or out of time",
                (a, c) -> mathEqual((String) a[0], (String) a[1], c), Signature.of(BOOL, TEXT, TEXT)).quiet());
    }

    private static Object extract(String text, CallContext c, java.util.function.Function<String, Optional<String>> f,
                                  String none) {
        Unknown cap = Values.tooLong("text", text, c.limits().maxTextInput());
        if (cap != null) return cap;
        Optional<String> r = f.apply(text);
        return r.isPresent() ? r.get() : Unknown.of(none);
    }

    static Object mathEqual(String predicted, String gold, CallContext c) {
        Unknown cap = Values.tooLong("predicted answer", predicted, c.limits().maxMathInput());
        if (cap == null) cap = Values.tooLong("reference", gold, c.limits().maxMathInput());
        if (cap != null) {
            c.note(cap.reason());
            return cap;
        }
        MathVerdict v = MathEqual.check(predicted, gold, c.limits().mathTimeoutMillis());
        String shownGold = v.goldNormalized() == null ? gold : v.goldNormalized();
        c.note("reference " + Values.show(shownGold) + "; " + v.reason());
        return switch (v.truth()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case UNKNOWN -> Unknown.of(v.reason());
        };
    }
}
