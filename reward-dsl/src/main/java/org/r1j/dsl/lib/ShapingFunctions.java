package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.TEXT;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Length and style shaping from the open recipes: {@code cosine} (open-r1 cosine-scaled length),
 * {@code overlong} (DAPO soft overlong punishment), {@code repetition} (open-r1 n-gram penalty),
 * {@code steps} (open-r1 reasoning-step markers).
 */
final class ShapingFunctions {
    /** open-r1's reasoning_steps pattern (no MULTILINE, so ^ is the start of the text only). */
    static final Pattern STEP = Pattern.compile("(Step \\d+:|^\\d+\\.|\\n-|\\n\\*|First,|Second,|Next,|Finally,)");

    private ShapingFunctions() {}

    static void register(Library l) {
        l.add(Function.of("cosine", "cosine(length, at_max_len, at_zero, max_len): at_zero for length 0 falling along a half cosine to at_max_len at max_len (length clamped to [0, max_len])",
                (a, c) -> cosine((Double) a[0], (Double) a[1], (Double) a[2], (Double) a[3]),
                Signature.of(NUMBER, NUMBER, NUMBER, NUMBER, NUMBER)));
        l.add(Function.of("overlong", "overlong(length, max_len, cache): DAPO's soft punishment: 0 up to max_len - cache, linear to -1 at max_len, -1 beyond",
                (a, c) -> overlong((Double) a[0], (Double) a[1], (Double) a[2]),
                Signature.of(NUMBER, NUMBER, NUMBER, NUMBER)));
        l.add(Function.of("repetition", "repetition(text, n): share of repeated word n-grams, 1 - unique/total (0 when fewer than n words); open-r1 multiplies it by a negative max penalty",
                (a, c) -> repetition((String) a[0], ((Double) a[1]).intValue(), c), Signature.of(NUMBER, TEXT, NUMBER)));
        l.add(Function.of("steps", "steps(text): number of reasoning-step markers (Step 1:, 1., - and * list items, First, Second, Next, Finally,)",
                (a, c) -> steps((String) a[0], c), Signature.of(NUMBER, TEXT)));
    }

    static Object cosine(double length, double atMax, double atZero, double maxLen) {
        if (!(maxLen > 0)) return Unknown.of("cosine max_len must be positive");
        double progress = Math.max(0, Math.min(1, length / maxLen));
        return atMax + 0.5 * (atZero - atMax) * (1.0 + Math.cos(Math.PI * progress));
    }

    static Object overlong(double length, double maxLen, double cache) {
        if (!(cache > 0) || cache > maxLen) return Unknown.of("overlong needs 0 < cache <= max_len");
        double expected = maxLen - cache;
        if (length <= expected) return 0.0;
        if (length <= maxLen) return (expected - length) / cache;
        return -1.0;
    }

    static Object repetition(String text, int n, CallContext ctx) {
        Unknown cap = Values.tooLong("text", text, ctx.limits().maxTextInput());
        if (cap != null) return cap;
        if (n < 1) return Unknown.of("repetition n must be at least 1");
        String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        if (text.isBlank() || words.length < n) return 0.0;
        long[] h = new long[words.length];
        for (int i = 0; i < words.length; i++) h[i] = words[i].hashCode() * 0x9E3779B97F4A7C15L + words[i].length();
        // n-grams compared by a 64-bit rolling combination: collisions are negligible at these sizes.
        Set<Long> unique = new HashSet<>();
        int total = words.length - n + 1;
        for (int i = 0; i < total; i++) {
            long g = 1469598103934665603L;
            for (int k = 0; k < n; k++) g = (g ^ h[i + k]) * 1099511628211L;
            unique.add(g);
        }
        return 1.0 - (double) unique.size() / total;
    }

    static Object steps(String text, CallContext ctx) {
        Unknown cap = Values.tooLong("text", text, ctx.limits().maxRegexInput());
        if (cap != null) return cap;
        Matcher m = STEP.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return (double) n;
    }
}
