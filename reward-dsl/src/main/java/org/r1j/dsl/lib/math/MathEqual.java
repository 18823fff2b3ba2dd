package org.r1j.dsl.lib.math;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a predicted answer equals a gold answer, as TRUE, FALSE or UNKNOWN with a short reason.
 *
 * <p>Pipeline: take the last {@code \boxed{…}} of each side if there is one; identical text is equal at once;
 * otherwise both sides are lexed and parsed ({@link ExprParser}: LaTeX and plain text, units and words set aside)
 * and compared by shape ({@link AnswerComparator}: equations, intervals, tuples, sets, matrices) and by value
 * ({@link ScalarComparator}: exact rationals first, 50-digit decimals for irrational values, seeded random points
 * for expressions with variables). No computer-algebra system is involved, so a call costs micro- to milliseconds
 * and has no warm-up.
 *
 * <p>Outcomes: an unparsable or empty reference is UNKNOWN (the check cannot be made); an unparsable, empty or
 * over-long prediction is FALSE (it is not a correct answer); running past the time limit, nesting beyond
 * {@link ExprParser#MAX_DEPTH}, or numbers too large to compare ({@code 10^{10^{10}}}) give UNKNOWN with the reason.
 *
 * <p>Thread-safe: no shared mutable state. Never throws.
 */
public final class MathEqual {
    /** Longest answer (after \boxed extraction) that is parsed; longer predictions are FALSE, longer references UNKNOWN. */
    public static final int MAX_ANSWER_CHARS = 2_000;

    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,(\\d{1,2}|\\d{4,})");
    private static final Pattern SPACE_GROUPS = Pattern.compile("-?\\d{1,3}( \\d{3})+(\\.\\d+)?");
    private static final Pattern EUROPEAN = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+,\\d+");

    private MathEqual() {}

    /**
     * Loads and compiles the checker's code paths (class loading and the first calls cost 100-300 ms once per JVM; this takes a few hundred ms);
     * call at start-up where the first real call must be fast.
     */
    public static void warmUp() {
        String[][] pairs = {{"\\frac{1}{2}", "0.5"}, {"x^2-1", "(x-1)(x+1)"}, {"[0,1)", "(0,1]"}, {"\\sin^2 x", "1-\\cos^2 x"},
            {"y = 2x+1", "2x - y + 1 = 0"}, {"\\{1,2\\}", "2, 1"}, {"10 \\text{ cm}", "10"}, {"\\sqrt{2}", "1.414"},
            {"2^{1/3}", "1.26"}, {"\\ln 8", "3\\ln 2"}, {"e^{x}", "\\exp(x)"}, {"x > 3", "(3, \\infty)"},
            {"\\frac{1}{100!}", "\\frac{1}{99!}"}};
        for (int round = 0; round < 2; round++) for (String[] p : pairs) check(p[0], p[1], 1_000);
    }

    /**
     * @param predicted     the model's answer (a completion is fine: its last \boxed{…} is used)
     * @param gold          the reference answer (may also contain \boxed{…})
     * @param timeoutMillis time limit; checking stops with UNKNOWN "timed out" once it passes
     */
    public static MathVerdict check(String predicted, String gold, long timeoutMillis) {
        String p = predicted == null ? "" : AnswerExtraction.answerText(predicted);
        String g = gold == null ? "" : AnswerExtraction.answerText(gold);
        try {
            return decide(p, g, Deadline.in(timeoutMillis));
        } catch (MathLimit e) {
            return MathVerdict.unknown(e.getMessage(), clip(p), clip(g));
        } catch (StackOverflowError e) {
            return MathVerdict.unknown("too deeply nested", clip(p), clip(g));
        } catch (RuntimeException e) {
            return MathVerdict.unknown("internal error (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", clip(p), clip(g));
        }
    }

    private static MathVerdict decide(String p, String g, Deadline deadline) {
        if (g.isEmpty()) return MathVerdict.unknown("empty reference", p, g);
        if (p.isEmpty()) return new MathVerdict(Truth.FALSE, "empty answer", p, g);
        if (g.length() > MAX_ANSWER_CHARS) return MathVerdict.unknown("reference too long (" + g.length() + " chars)", clip(p), clip(g));
        if (p.length() > MAX_ANSWER_CHARS) {
            return new MathVerdict(Truth.FALSE, "answer too long (" + p.length() + " chars > " + MAX_ANSWER_CHARS + ")", clip(p), g);
        }
        if (textKey(p).equals(textKey(g))) return new MathVerdict(Truth.TRUE, "equal (same text)", p, g);
        p = joinSpaceGroups(p);
        g = joinSpaceGroups(g);

        Expr ge;
        try {
            ge = ExprParser.parse(g, commasGroupDigits(g), deadline);
        } catch (ParseError e) {
            return MathVerdict.unknown("reference not understood: " + e.getMessage(), p, g);
        }
        Expr pe;
        try {
            pe = ExprParser.parse(p, commasGroupDigits(p), deadline);
        } catch (ParseError e) {
            return new MathVerdict(Truth.FALSE, "answer not understood: " + e.getMessage(), p, ge.toString());
        }
        Outcome o = new AnswerComparator(deadline).compare(pe, ge);
        if (!o.isTrue()) {
            String european = decimalComma(p);
            if (european != null && !(ge instanceof Expr.ListOf)) {
                Outcome e = new AnswerComparator(deadline).compare(ExprParser.parse(european, false, deadline), ge);
                if (e.isTrue()) return new MathVerdict(Truth.TRUE, "equal (decimal comma)", european, ge.toString());
            }
        }
        return new MathVerdict(o.truth(), o.reason(), pe.toString(), ge.toString());
    }

    /** Case, spacing, $ and font commands do not matter for "same text". */
    static String textKey(String s) {
        String t = s.replace("\\text", "").replace("\\mathrm", "").replace("\\textbf", "").replace("\\left", "")
                .replace("\\right", "").replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
                .replace("\\!", "").replace("\\,", "").replace("\\;", "");
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c) && c != '$' && c != '{' && c != '}') b.append(Character.toLowerCase(c));
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '.') b.setLength(b.length() - 1);
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * True when every comma in the answer sits between digits as a thousands separator ("12,345,678.5"), so that
     * "1,000" is one number while "1,2" and "(1, 000)"-style lists stay lists.
     */
    static boolean commasGroupDigits(String s) {
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != ',') continue;
            int before = 0;
            for (int k = i - 1; k >= 0 && Character.isDigit(s.charAt(k)); k--) before++;
            int after = 0;
            for (int k = i + 1; k < s.length() && Character.isDigit(s.charAt(k)); k++) after++;
            if (before == 0 || after != 3) return false;
            int groupStart = i - before;
            boolean firstGroup = groupStart == 0 || s.charAt(groupStart - 1) != ',';
            if (firstGroup && before > 3) return false;
            any = true;
        }
        return any;
    }

    /** "1 000 000" (digits grouped by spaces, alone in the answer) → "1000000"; anything else unchanged. */
    static String joinSpaceGroups(String s) {
        return s.length() < 60 && SPACE_GROUPS.matcher(s.trim()).matches() ? s.replace(" ", "") : s;
    }

    /** "3,5" or "1.234,5" read with a decimal comma ("3.5", "1234.5"), or null when the text is not such a number. */
    static String decimalComma(String s) {
        String t = s.trim();
        if (t.length() < 40 && (DECIMAL_COMMA.matcher(t).matches() || EUROPEAN.matcher(t).matches())) {
            return t.replace(".", "").replace(',', '.');
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
