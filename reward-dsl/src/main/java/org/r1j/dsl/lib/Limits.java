package org.r1j.dsl.lib;

/**
 * Safety limits that keep a verifier from hanging on model output. A value over a limit makes the check unknown
 * (with the limit in its reason) instead of slow.
 *
 * @param maxRegexInput     characters a regex may scan (RE2/J is linear, ~1-5 ns/char/state; 256 K keeps the
 *                          slowest shipped regex well under 100 ms)
 * @param maxMathInput      characters of a predicted or gold answer given to {@code math_equal}; real answers are
 *                          short, long ones are garbage or an attack on the CAS
 * @param mathTimeoutMillis time limit of one {@code math_equal} call; past it the answer is unknown ("timed out")
 * @param maxTextInput      characters any other text function reads (tag, boxed, repetition, language_ratio…)
 */
public record Limits(int maxRegexInput, int maxMathInput, long mathTimeoutMillis, int maxTextInput) {
    public static final Limits DEFAULT = new Limits(262_144, 2_000, 50, 2_000_000);
}
