package org.r1j.pipeline.eval;

import java.util.Objects;
import java.util.Optional;
import org.r1j.pipeline.data.Problem;

/**
 * Decides what a completion answered and whether that is right. Evaluation (pass@1, cons@k) and rejection
 * sampling use it; each task supplies one (numbers for arithmetic, an expression check for Countdown).
 */
public interface AnswerChecker {
    /** The final answer in a completion, or empty when it gave none (no answer tag, unparsable, …). */
    Optional<String> extract(String completion);

    /** Whether an extracted answer is correct for the problem. */
    boolean isCorrect(Problem problem, String answer);

    /** Whether two extracted answers count as the same vote in cons@k (e.g. "0.5" and "1/2"). */
    default boolean sameAnswer(String a, String b) {
        return Objects.equals(a, b);
    }

    /** Extract then check: a completion without an answer is wrong. */
    default boolean isCorrectCompletion(Problem problem, String completion) {
        return extract(completion).map(a -> isCorrect(problem, a)).orElse(false);
    }
}
