package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r1j.dsl.Rewarder;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.AnswerChecker;

/**
 * Countdown (as in TinyZero): reach a target with the given numbers, each used exactly once, with + - * /.
 * Question {@code "3 7 12 -> 15"}; the answer is an expression such as {@code (12-7)*3}, checked by
 * {@link CountdownChecker}. Problems are built backwards — combine two random numbers with a random operation until
 * one value is left — so every problem has a solution, which the cold-start data works through step by step:
 * {@code <think>12-7=5,5*3=15</think><answer>(12-7)*3</answer>}.
 *
 * Settings: {@code count} numbers per problem (2..6), each in 1..{@code maxNumber}; targets in 1..{@code maxTarget};
 * intermediate values stay positive integers (exact division only, never by 1).
 */
public final class CountdownTask extends ProceduralTask {
    private final int count;
    private final int maxNumber;
    private final int maxTarget;

    public CountdownTask(long seed, int count, int maxNumber, int maxTarget, PromptTemplate template) {
        super(seed, template == null ? TextTemplate.COMPACT : template);
        if (count < 2 || count > 6) throw new IllegalArgumentException("count must be in 2..6, got " + count);
        if (maxNumber < 2) throw new IllegalArgumentException("max_number must be >= 2, got " + maxNumber);
        if (maxTarget < 1) throw new IllegalArgumentException("max_target must be >= 1, got " + maxTarget);
        this.count = count;
        this.maxNumber = maxNumber;
        this.maxTarget = maxTarget;
    }

    /** Three numbers up to 20, targets up to 100: small enough for the tiny demo model. */
    public CountdownTask(long seed) {
        this(seed, 3, 20, 100, TextTemplate.COMPACT);
    }

    @Override
    public String name() {
        return "countdown";
    }

    /** Format and language from the R1 rules; accuracy is replaced by {@link CountdownChecker}, see {@link #rewarder}. */
    @Override
    public String rewardFile() {
        return "rewards/r1.reward";
    }

    /** The reward language has no expression checker, so the file's accuracy is decided by {@link CountdownChecker}. */
    @Override
    public Rewarder rewarder(Rewarder program) {
        return new CheckedAccuracy(program, CountdownChecker.INSTANCE, "accuracy");
    }

    @Override
    public AnswerChecker checker() {
        return CountdownChecker.INSTANCE;
    }

    @Override
    protected Problem draw(SplittableRandom rng) {
        while (true) {
            List<Long> numbers = new ArrayList<>();
            for (int i = 0; i < count; i++) numbers.add(rng.nextLong(1, maxNumber + 1));
            Solution s = solveForward(numbers, rng);
            if (s == null || s.value < 1 || s.value > maxTarget) continue;
            StringBuilder q = new StringBuilder();
            for (long n : numbers) q.append(n).append(' ');
            q.append("-> ").append(s.value);
            return new Problem("", q.toString(), Long.toString(s.value), Map.of("numbers", List.copyOf(numbers),
                    "target", s.value, "solution", s.expression, "steps", s.steps));
        }
    }

    @Override
    protected String solve(Problem problem, SplittableRandom rng) {
        return completion((String) problem.fields().get("steps"), (String) problem.fields().get("solution"));
    }

    private record Solution(long value, String expression, String steps) {
    }

    /** Combines random pairs until one value is left; null when a random operation was not allowed. */
    private static Solution solveForward(List<Long> numbers, SplittableRandom rng) {
        List<Long> values = new ArrayList<>(numbers);
        List<String> exprs = new ArrayList<>();
        List<Boolean> atoms = new ArrayList<>();
        for (long n : numbers) {
            exprs.add(Long.toString(n));
            atoms.add(true);
        }
        List<String> steps = new ArrayList<>();
        while (values.size() > 1) {
            int i = rng.nextInt(values.size());
            int j = rng.nextInt(values.size() - 1);
            if (j >= i) j++;
            if (values.get(i) < values.get(j)) { // larger first, so '-' and '/' stay positive
                int t = i;
                i = j;
                j = t;
            }
            long a = values.get(i), b = values.get(j);
            char op = "+-*/".charAt(rng.nextInt(4));
            long r;
            switch (op) {
                case '+' -> r = a + b;
                case '-' -> r = a - b;
                case '*' -> r = a * b;
                default -> r = b > 1 && a % b == 0 ? a / b : -1;
            }
            if (r <= 0) return null;
            String expr = wrap(exprs.get(i), atoms.get(i)) + op + wrap(exprs.get(j), atoms.get(j));
            steps.add(a + String.valueOf(op) + b + "=" + r);
            int hi = Math.max(i, j), lo = Math.min(i, j);
            for (int k : new int[]{hi, lo}) {
                values.remove(k);
                exprs.remove(k);
                atoms.remove(k);
            }
            values.add(r);
            exprs.add(expr);
            atoms.add(false);
        }
        return new Solution(values.get(0), exprs.get(0), String.join(",", steps));
    }

    private static String wrap(String expr, boolean atom) {
        return atom ? expr : "(" + expr + ")";
    }
}
