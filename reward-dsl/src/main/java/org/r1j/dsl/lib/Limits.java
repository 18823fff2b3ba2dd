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
 * @param maxTextInput      characters any other text function reads (tag, boxed, repetition, steps…); a 32 K-token
 *                          chain of thought is ~130 K characters, so 256 K only stops garbage
 * @param maxLanguageInput  characters {@code language_ratio} classifies; a longer text is judged by its first
 *                          this-many characters (the explanation says so): word classification costs ~0.3 µs/char
 */
public record Limits(int maxRegexInput, int maxMathInput, long mathTimeoutMillis, int maxTextInput, int maxLanguageInput) {
    public static final Limits DEFAULT = new Limits(262_144, 2_000, 50, 262_144, 65_536);

    /** The same limits with another math time limit. */
    public Limits withMathTimeoutMillis(long millis) {
        return new Limits(maxRegexInput, maxMathInput, millis, maxTextInput, maxLanguageInput);
    }
}
