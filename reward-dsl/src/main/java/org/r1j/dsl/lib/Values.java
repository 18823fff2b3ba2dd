package org.r1j.dsl.lib;

import java.util.List;
import java.math.BigDecimal;
import java.math.MathContext;

/** Run-time value helpers: short renderings for explanations, and number formatting. */
public final class Values {
    /** Longest text shown in an explanation before it is cut with an ellipsis. */
    public static final int SHOWN_CHARS = 40;

    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Values() {}

    /** A value as an explanation shows it: text in backticks (cut, one line), numbers compact. */
    public static String show(Object v) {
        if (v instanceof String s) return "`" + clip(s) + "`";
        if (v instanceof Double d) return number(d);
        if (v instanceof List<?> l) return "list of " + l.size();
        if (v instanceof Unknown u) return u.toString();
        return String.valueOf(v);
    }

    public static String clip(String s) {
        String one = s.strip().replace("\r", "").replace('\n', '⏎');
        return one.length() <= SHOWN_CHARS ? one : one.substring(0, SHOWN_CHARS - 1) + "…";
    }

    /** Up to 4 significant digits, no trailing zeros: 0.7071, 12, 1.5e-07. */
    public static String number(double d) {
        if (Double.isNaN(d)) return "unknown";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        BigDecimal b = new BigDecimal(d).round(FOUR_DIGITS).stripTrailingZeros();
        return Math.abs(d) >= 1e-4 && Math.abs(d) < 1e15 ? b.toPlainString() : b.toString();
    }

    /** Unknown when {@code text} is longer than {@code cap}, else null. */
    public static Unknown tooLong(String what, String text, int cap) {
        return text.length() > cap ? Unknown.of(what + " is " + text.length() + " chars, over the " + cap + "-char limit") : null;
    }
}
