package org.r1j.dsl.check;

import java.util.Collection;

/** "did you mean …?" for misspelt names: the closest candidate within edit distance 2. */
public final class Suggest {
    private Suggest() {}

    public static String hint(String name, Collection<String> candidates) {
        String best = closest(name, candidates);
        return best == null ? "" : " (did you mean `" + best + "`?)";
    }

    /** The candidate closest to {@code name} within edit distance 2 (the first of equals), or null. */
    public static String closest(String name, Collection<String> candidates) {
        return closest(name, candidates, 2);
    }

    /** The candidate closest to {@code name} within {@code maxDistance} edits (the first of equals), or null. */
    public static String closest(String name, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestD = maxDistance + 1;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) return 99;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
