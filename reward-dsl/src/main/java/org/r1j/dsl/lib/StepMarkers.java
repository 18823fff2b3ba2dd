package org.r1j.dsl.lib;

/**
 * Counts open-r1's reasoning-step markers, {@code (Step \d+:|^\d+\.|\n-|\n\*|First,|Second,|Next,|Finally,)}
 * as Python's re.findall does (leftmost, alternatives in order, non-overlapping; ^ only at the start of the text),
 * with a hand-written scan: one pass, no regex engine (RegexTest checks it against RE2/J).
 */
final class StepMarkers {
    private static final String[] WORDS = {"First,", "Second,", "Next,", "Finally,"};

    private StepMarkers() {}

    static int count(String t) {
        int n = 0;
        int i = 0;
        while (i < t.length()) {
            int len = matchAt(t, i);
            if (len > 0) {
                n++;
                i += len;
            } else {
                i++;
            }
        }
        return n;
    }

    /** Length of the first alternative matching at {@code i}, or 0. */
    private static int matchAt(String t, int i) {
        char c = t.charAt(i);
        if (c == 'S' && t.startsWith("Step ", i)) {
            int j = i + 5;
            while (j < t.length() && isDigit(t.charAt(j))) j++;
            if (j > i + 5 && j < t.length() && t.charAt(j) == ':') return j + 1 - i;
        }
        if (i == 0 && isDigit(c)) {
            int j = 0;
            while (j < t.length() && isDigit(t.charAt(j))) j++;
            if (j < t.length() && t.charAt(j) == '.') return j + 1;
        }
        if (c == '\n' && i + 1 < t.length() && (t.charAt(i + 1) == '-' || t.charAt(i + 1) == '*')) return 2;
        for (String w : WORDS) {
            if (c == w.charAt(0) && t.startsWith(w, i)) return w.length();
        }
        return 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
