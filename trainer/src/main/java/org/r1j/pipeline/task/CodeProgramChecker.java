package org.r1j.pipeline.task;

import java.util.Optional;
import org.r1j.dsl.lib.CodeBlocks;
import org.r1j.dsl.sandbox.CodeLanguage;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.AnswerChecker;
import org.r1j.pipeline.eval.CodeAnswerChecker;

/**
 * Answers that are whole Python programs, for code datasets ({@code format: code}): the answer is the last
 * closed ```` ```python ```` block of the completion (what {@code rewards/code.reward}'s {@code code_block} takes),
 * right when it passes every test of the problem's {@code tests} field in the reward sandbox, so evaluation,
 * rejection sampling and the reward agree. Two answers are the same vote when they are the same text without
 * whitespace.
 */
public final class CodeProgramChecker implements AnswerChecker {
    public static final CodeProgramChecker INSTANCE = new CodeProgramChecker();

    private CodeProgramChecker() {
    }

    @Override
    public Optional<String> extract(String completion) {
        return CodeBlocks.last(completion, CodeLanguage.PYTHON).filter(p -> !p.isBlank());
    }

    @Override
    public boolean isCorrect(Problem problem, String program) {
        return CodeAnswerChecker.passesEveryTest(problem, program);
    }

    @Override
    public boolean sameAnswer(String a, String b) {
        return a.replaceAll("\\s", "").equals(b.replaceAll("\\s", ""));
    }
}
