package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.AnswerChecker;
import org.r1j.pipeline.eval.AnswerTags;

/**
 * Checks a Countdown answer the way TinyZero does: the expression in the {@code <answer>} tag must use every given
 * number exactly once (field {@code numbers}), only + - * / and parentheses, and equal the target (field
 * {@code target}, also the reference) exactly. Two answers are the same cons@k vote when they are the same text
 * without spaces: different correct expressions split the vote, which is what majority voting over answers means.
 */
public final class CountdownChecker implements AnswerChecker {
    public static final CountdownChecker INSTANCE = new CountdownChecker();

    private CountdownChecker() {
    }

    @Override
    public Optional<String> extract(String completion) {
        return AnswerTags.lastAnswer(completion);
    }

    @Override
    public boolean isCorrect(Problem problem, String answer) {
        return verdict(problem, answer).isEmpty();
    }

    /** Empty when the answer solves the problem, else why not ("uses 7 twice", "equals 31, not 33"). */
    public Optional<String> verdict(Problem problem, String answer) {
        CountdownExpression.Parsed parsed;
        try {
            parsed = CountdownExpression.parse(answer);
        } catch (CountdownExpression.Invalid e) {
            return Optional.of("not an expression: " + e.getMessage());
        }
        List<Long> given = numbers(problem);
        List<Long> used = new ArrayList<>(parsed.numbers());
        Collections.sort(used);
        if (!used.equals(given)) return Optional.of("uses " + used + ", must use each of " + given + " once");
        long target = Long.parseLong(problem.reference().strip());
        if (!parsed.isInteger(target)) {
            String value = parsed.denominator() == 1 ? Long.toString(parsed.numerator())
                    : parsed.numerator() + "/" + parsed.denominator();
            return Optional.of("equals " + value + ", not " + target);
        }
        return Optional.empty();
    }

    @Override
    public boolean sameAnswer(String a, String b) {
        return a.replace(" ", "").equals(b.replace(" ", ""));
    }

    @SuppressWarnings("unchecked")
    static List<Long> numbers(Problem problem) {
        Object raw = problem.fields().get("numbers");
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("countdown problem " + problem.id() + " has no 'numbers' list");
        }
        List<Long> out = new ArrayList<>();
        for (Object o : list) out.add(((Number) o).longValue());
        Collections.sort(out);
        return out;
    }
}
