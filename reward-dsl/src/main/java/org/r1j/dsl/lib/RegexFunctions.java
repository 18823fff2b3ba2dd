package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.BOOL;
import static org.r1j.dsl.check.Type.LIST;
import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.REGEX;
import static org.r1j.dsl.check.Type.TEXT;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.r1j.dsl.lib.regex.Regex;
import java.util.ArrayList;
import java.util.List;

/**
 * Regex built-ins on RE2/J, which runs in time linear in the input (no catastrophic backtracking on model
 * output); {@code text ~ r"..."} is {@link #search}. Inputs over {@link Limits#maxRegexInput()} are unknown.
 */
public final class RegexFunctions {
    /** At most this many matches are collected by {@code find_all} (each costs memory). */
    public static final int MAX_MATCHES = 10_000;

    private RegexFunctions() {}

    static void register(Library l) {
        l.add(Function.of("matches", "matches(text, r\"re\"): whether the whole text matches",
                (a, c) -> guard(a, c, (t, p) -> p.matches(t)), Signature.of(BOOL, TEXT, REGEX)));
        l.add(Function.of("find", "find(text, r\"re\"): the first match; unknown if none",
                (a, c) -> guard(a, c, RegexFunctions::find), Signature.of(TEXT, TEXT, REGEX)));
        l.add(Function.of("count", "count(text, r\"re\"): number of non-overlapping matches",
                (a, c) -> guard(a, c, RegexFunctions::count), Signature.of(NUMBER, TEXT, REGEX)));
        l.add(Function.of("group", "group(text, r\"re\", n): group n of the first match; unknown if no match or the group did not take part",
                (a, c) -> guard(a, c, (t, p) -> group(t, p, ((Double) a[2]).intValue())), Signature.of(TEXT, TEXT, REGEX, NUMBER)));
        l.add(Function.of("find_all", "find_all(text, r\"re\"): every match, as a list",
                (a, c) -> guard(a, c, RegexFunctions::findAll), Signature.of(LIST, TEXT, REGEX)));
    }

    /** {@code text ~ re}: whether the regex matches anywhere (like Python's re.search); anchor with ^ and $. */
    public static Object search(String text, Regex r, Limits limits) {
        Unknown cap = Values.tooLong("text", text, limits.maxRegexInput());
        return cap != null ? cap : r.find(text);
    }

    private interface Op {
        Object apply(String text, Pattern p);
    }

    private static Object guard(Object[] a, CallContext c, Op op) {
        String text = (String) a[0];
        Unknown cap = Values.tooLong("text", text, c.limits().maxRegexInput());
        return cap != null ? cap : op.apply(text, ((Regex) a[1]).re2());
    }

    private static Object find(String text, Pattern p) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group() : Unknown.of("no match for " + p.pattern());
    }

    private static Object count(String text, Pattern p) {
        Matcher m = p.matcher(text);
        int n = 0;
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            n++;
            from = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return (double) n;
    }

    private static Object group(String text, Pattern p, int g) {
        Matcher m = p.matcher(text);
        if (g < 0 || g > m.groupCount()) return Unknown.of("no group " + g + " in " + p.pattern());
        if (!m.find()) return Unknown.of("no match for " + p.pattern());
        String s = m.group(g);
        return s == null ? Unknown.of("group " + g + " did not take part in the match") : s;
    }

    private static Object findAll(String text, Pattern p) {
        Matcher m = p.matcher(text);
        List<Object> out = new ArrayList<>();
        int from = 0;
        while (from <= text.length() && out.size() < MAX_MATCHES && m.find(from)) {
            out.add(m.group());
            from = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return List.copyOf(out);
    }
}
