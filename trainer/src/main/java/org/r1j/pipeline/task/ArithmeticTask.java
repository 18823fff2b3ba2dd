package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.AnswerChecker;
import org.r1j.pipeline.eval.IntegerAnswerChecker;

/**
 * Multi-digit arithmetic: "37+85" → 122. The cold-start reasoning works column by column from the right, the way
 * a small model can actually follow: "7+5=12,3+8+1=12" (sum and carry), "15-7=8,7-3=4" (borrow), "7*4=28,3*4+2=14".
 *
 * Settings: {@code seed} fixes the problems and the cold-start data; {@code digits} (1..9) is the length of each
 * operand (the second operand of '*' is always one digit); {@code operators} is any mix of '+', '-', '*' (subtraction
 * never goes below zero); {@code template} turns a problem into a prompt (default {@link TextTemplate#COMPACT}).
 */
public final class ArithmeticTask extends ProceduralTask {
    private final int digits;
    private final String operators;

    public ArithmeticTask(long seed, int digits, String operators, PromptTemplate template) {
        super(seed, template == null ? TextTemplate.COMPACT : template);
        if (digits < 1 || digits > 9) throw new IllegalArgumentException("digits must be in 1..9, got " + digits);
        if (operators == null || operators.isEmpty() || !operators.matches("[+*-]+")) {
            throw new IllegalArgumentException("operators must be a non-empty mix of + - *, got '" + operators + "'");
        }
        this.digits = digits;
        this.operators = operators;
    }

    /** Two-digit addition and subtraction with the compact template: the demo's task. */
    public ArithmeticTask(long seed) {
        this(seed, 2, "+-", TextTemplate.COMPACT);
    }

    @Override
    public String name() {
        return "arithmetic";
    }

    @Override
    public String rewardFile() {
        return "rewards/r1.reward";
    }

    @Override
    public AnswerChecker checker() {
        return IntegerAnswerChecker.INSTANCE;
    }

    @Override
    protected String solve(Problem problem, SplittableRandom rng) {
        return completion(steps(problem), problem.reference());
    }

    @Override
    protected Problem draw(SplittableRandom rng) {
        char op = operators.charAt(rng.nextInt(operators.length()));
        long lo = digits == 1 ? 0 : pow10(digits - 1);
        long a = rng.nextLong(lo, pow10(digits));
        long b = op == '*' ? rng.nextLong(2, 10) : rng.nextLong(lo, pow10(digits));
        if (op == '-' && b > a) {
            long t = a;
            a = b;
            b = t;
        }
        long result = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            default -> a * b;
        };
        return new Problem("", a + String.valueOf(op) + b, Long.toString(result),
                Map.of("a", a, "b", b, "op", String.valueOf(op)));
    }

    /** The column-by-column working for a problem, e.g. "7+5=12,3+8+1=12". */
    static String steps(Problem p) {
        long a = ((Number) p.fields().get("a")).longValue();
        long b = ((Number) p.fields().get("b")).longValue();
        String op = (String) p.fields().get("op");
        List<String> parts = new ArrayList<>();
        switch (op) {
            case "+" -> {
                long carry = 0;
                for (; a > 0 || b > 0; a /= 10, b /= 10) {
                    long x = a % 10, y = b % 10, s = x + y + carry;
                    parts.add(x + "+" + y + (carry > 0 ? "+" + carry : "") + "=" + s);
                    carry = s / 10;
                }
            }
            case "-" -> {
                long borrow = 0;
                for (; a > 0; a /= 10, b /= 10) {
                    long x = a % 10 - borrow, y = b % 10;
                    borrow = x < y ? 1 : 0;
                    parts.add((x + 10 * borrow) + "-" + y + "=" + (x + 10 * borrow - y));
                }
            }
            default -> {
                long carry = 0;
                for (; a > 0; a /= 10) {
                    long x = a % 10, s = x * b + carry;
                    parts.add(x + "*" + b + (carry > 0 ? "+" + carry : "") + "=" + s);
                    carry = s / 10;
                }
            }
        }
        if (parts.isEmpty()) parts.add("0" + op + b + "=" + p.reference());
        return String.join(",", parts);
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }
}
