package org.r1j.dsl.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.r1j.dsl.lib.regex.Regex;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Span;

/**
 * Compiles a regex literal with RE2/J. Features RE2 leaves out because they cannot run in linear time
 * (backreferences, lookaround, atomic groups, possessive repeats) get a message saying so, with a caret at the
 * feature inside the literal.
 */
final class RegexCheck {
    private static final String[][] UNSUPPORTED = {
            {"(?=", "lookahead (?=…)"}, {"(?!", "negative lookahead (?!…)"}, {"(?<=", "lookbehind (?<=…)"},
            {"(?<!", "negative lookbehind (?<!…)"}, {"(?>", "atomic group (?>…)"}, {"\\k<", "named backreference \\k<…>"},
            {"*+", "possessive repeat *+"}, {"++", "possessive repeat ++"}, {"?+", "possessive repeat ?+"},
    };

    private RegexCheck() {}

    /** The compiled pattern, or null after reporting why it cannot be compiled. */
    static Regex compile(Expr.RegexLit lit, Diagnostics d) {
        int flags = 0;
        for (char f : lit.flags().toCharArray()) {
            switch (f) {
                case 's' -> flags |= Pattern.DOTALL;
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE;
                case 'm' -> flags |= Pattern.MULTILINE;
                default -> {
                    d.error(lit.span(), "unknown regex flag '" + f + "' (flags: s = dot matches newline, i = ignore case, m = ^ and $ at line ends)");
                    return null;
                }
            }
        }
        String p = lit.pattern();
        String raw = lit.span().text();
        for (String[] u : UNSUPPORTED) {
            int at = indexOutsideEscape(raw, u[0]);
            if (at >= 0) {
                d.error(inside(lit.span(), at, u[0].length()), "regex uses " + u[1]
                        + ", which RE2 does not support because it cannot run in linear time");
                return null;
            }
        }
        int backref = backreference(raw);
        if (backref >= 0) {
            d.error(inside(lit.span(), backref, 2), "regex uses a backreference " + raw.substring(backref, backref + 2)
                    + ", which RE2 does not support because it cannot run in linear time");
            return null;
        }
        try {
            return Regex.compile(p, flags);
        } catch (PatternSyntaxException e) {
            d.error(lit.span(), "invalid regex: " + e.getDescription() + (e.getPattern().isEmpty() ? "" : " in `" + e.getPattern() + "`"));
            return null;
        } catch (RuntimeException e) {
            d.error(lit.span(), "invalid regex: " + e.getMessage());
            return null;
        }
    }

    private static Span inside(Span lit, int offset, int length) {
        return lit.source().span(lit.start() + offset, lit.start() + offset + length);
    }

    /** Index of {@code needle} in {@code raw} where its first char is not escaped by a backslash. */
    private static int indexOutsideEscape(String raw, String needle) {
        for (int i = raw.indexOf(needle); i >= 0; i = raw.indexOf(needle, i + 1)) {
            if (!escaped(raw, i)) return i;
        }
        return -1;
    }

    private static int backreference(String raw) {
        for (int i = 0; i + 1 < raw.length(); i++) {
            if (raw.charAt(i) == '\\' && !escaped(raw, i) && raw.charAt(i + 1) >= '1' && raw.charAt(i + 1) <= '9') return i;
        }
        return -1;
    }

    private static boolean escaped(String s, int i) {
        int n = 0;
        for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) n++;
        return n % 2 == 1;
    }
}
