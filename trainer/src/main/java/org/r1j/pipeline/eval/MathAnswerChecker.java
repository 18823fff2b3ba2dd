package org.r1j.pipeline.eval;

import java.util.Optional;
import org.r1j.dsl.lib.math.AnswerExtraction;
import org.r1j.dsl.lib.math.MathEqual;
import org.r1j.pipeline.data.Problem;

/**
 * Math answers (GSM8K, MATH): the last {@code \boxed{…}} if there is one, else the {@code <answer>} block; compared
 * with the reward language's {@code math_equal} (so "0.5", "1/2" and "\frac{1}{2}" agree, in answers and in votes).
 * An undecidable comparison counts as wrong.
 */
public final class MathAnswerChecker implements AnswerChecker {
    public static final MathAnswerChecker INSTANCE = new MathAnswerChecker();
    /** Per comparison; math_equal answers "unknown" after it. */
    private static final long TIMEOUT_MILLIS = 2000;

    private MathAnswerChecker() {
    }

    @Override
    public Optional<String> extract(String completion) {
        Optional<String> boxed = AnswerExtraction.boxed(completion);
        return boxed.isPresent() ? boxed : AnswerTags.lastAnswer(completion);
    }

    @Override
    public boolean isCorrect(Problem problem, String answer) {
        return MathEqual.check(answer, problem.reference(), TIMEOUT_MILLIS).isTrue();
    }

    @Override
    public boolean sameAnswer(String a, String b) {
        return a.strip().equals(b.strip()) || MathEqual.check(a, b, TIMEOUT_MILLIS).isTrue();
    }
}
