package org.r1j.pipeline.eval;

import java.util.List;
import java.util.Optional;
import org.r1j.dsl.sandbox.CodeJudge;
import org.r1j.dsl.sandbox.CodeLanguage;
import org.r1j.dsl.sandbox.TestCases;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.task.CodeTask;

/**
 * Answers that are Python expressions for {@code def f(x): return …}: right when the program passes every test
 * of the problem's {@code tests} field, run in the reward sandbox (so evaluation and reward agree). Two answers
 * are the same vote when they are the same text without spaces.
 */
public final class CodeAnswerChecker implements AnswerChecker {
    public static final CodeAnswerChecker INSTANCE = new CodeAnswerChecker();

    private CodeAnswerChecker() {
    }

    @Override
    public Optional<String> extract(String completion) {
        return AnswerTags.lastAnswer(completion).filter(a -> !a.isBlank());
    }

    @Override
    public boolean isCorrect(Problem problem, String answer) {
        return passesEveryTest(problem, CodeTask.program(answer));
    }

    /** Whether a Python program passes every test in the problem's {@code tests} field, run in the reward sandbox. */
    public static boolean passesEveryTest(Problem problem, String program) {
        Object tests = problem.fields().get("tests");
        if (tests == null) return false;
        var report = CodeJudge.shared().judge(program, TestCases.parse(tests instanceof List<?> l ? List.copyOf(l) : tests),
                CodeLanguage.PYTHON);
        return report.undecided().isEmpty() && report.passed() == report.total();
    }

    @Override
    public boolean sameAnswer(String a, String b) {
        return a.replaceAll("\\s", "").equals(b.replaceAll("\\s", ""));
    }
}
