package org.r1j.pipeline.eval;

import java.math.BigInteger;
import java.util.Optional;
import org.r1j.pipeline.data.Problem;

/**
 * Answers that are whole numbers, read from the {@code <answer>} tag: "122", " 122 ", "+122" and "1,220" parse;
 * anything else is wrong. Two answers are the same vote when they are the same number.
 */
public final class IntegerAnswerChecker implements AnswerChecker {
    public static final IntegerAnswerChecker INSTANCE = new IntegerAnswerChecker();

    private IntegerAnswerChecker() {
    }

    @Override
    public Optional<String> extract(String completion) {
        return AnswerTags.lastAnswer(completion);
    }

    @Override
    public boolean isCorrect(Problem problem, String answer) {
        Optional<BigInteger> got = parse(answer);
        Optional<BigInteger> want = parse(problem.reference());
        return got.isPresent() && got.equals(want);
    }

    @Override
    public boolean sameAnswer(String a, String b) {
        Optional<BigInteger> x = parse(a);
        return x.isPresent() ? x.equals(parse(b)) : a.strip().equals(b.strip());
    }

    static Optional<BigInteger> parse(String text) {
        String s = text.strip().replace(",", "");
        if (s.startsWith("+")) s = s.substring(1);
        if (!s.matches("-?[0-9]{1,200}")) return Optional.empty();
        return Optional.of(new BigInteger(s));
    }
}
