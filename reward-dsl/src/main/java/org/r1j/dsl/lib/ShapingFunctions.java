package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.TEXT;


/**
 * Length and style shaping from the open recipes: {@code cosine} (open-r1 cosine-scaled length),
 * {@code overlong} (DAPO soft overlong punishment), {@code repetition} (open-r1 n-gram penalty),
 * {@code steps} (open-r1 reasoning-step markers).
 */
final class ShapingFunctions {
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
        long[] h = wordHashes(text);
        if (h.length < n) return 0.0;
        // n-grams compared by a 64-bit combination of word hashes: collisions are negligible at these sizes.
        int total = h.length - n + 1;
        LongSet unique = new LongSet(total);
        for (int i = 0; i < total; i++) {
            long g = 1469598103934665603L;
            for (int k = 0; k < n; k++) g = (g ^ h[i + k]) * 1099511628211L;
            unique.add(g);
        }
        return 1.0 - (double) unique.size() / total;
    }

    /** 64-bit hashes of the lower-cased whitespace-separated words (Python's str.lower().split()). */
    static long[] wordHashes(String text) {
        long[] out = new long[16];
        int n = 0;
        int i = 0;
        int len = text.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= len) break;
            long h = 0xcbf29ce484222325L;
            while (i < len && !Character.isWhitespace(text.charAt(i))) {
                h = (h ^ Character.toLowerCase(text.charAt(i))) * 0x100000001b3L;
                i++;
            }
            if (n == out.length) out = java.util.Arrays.copyOf(out, n * 2);
            out[n++] = h;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static Object steps(String text, CallContext ctx) {
        Unknown cap = Values.tooLong("text", text, ctx.limits().maxTextInput());
        if (cap != null) return cap;
        return (double) StepMarkers.count(text);
    }
}
