package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.AnswerChecker;
import org.r1j.pipeline.eval.CodeAnswerChecker;

/**
 * A coding task small enough for tiny models: write the body of {@code def f(x): return …} as one Python
 * expression over integers, from a description in words ("x times 3 plus 4" → {@code 3*x+4}). Checked the R1 way,
 * by running it against test cases in the sandbox: each problem carries assert tests
 * ({@code assert f(5) == 19}) in its {@code tests} field, which {@code rewards/code-expression.reward} and the
 * evaluation checker run.
 *
 * Settings: {@code seed} fixes the problems; {@code tests} (1..20) is the number of test inputs per problem;
 * {@code template} turns a problem into a prompt (default {@link TextTemplate#COMPACT}).
 */
public final class CodeTask extends ProceduralTask {
    /** Inputs the tests draw from: small, negative ones included (Python's % and // floor towards -inf). */
    private static final long[] INPUTS = {0, 1, 2, 3, 5, 7, 10, -1, -4, 12, 20, -9};

    private final int tests;

    public CodeTask(long seed, int tests, PromptTemplate template) {
        super(seed, template == null ? TextTemplate.COMPACT : template);
        if (tests < 1 || tests > 20) throw new IllegalArgumentException("tests must be in 1..20, got " + tests);
        this.tests = tests;
    }

    @Override
    public String name() {
        return "code";
    }

    @Override
    public String rewardFile() {
        return "rewards/code-expression.reward";
    }

    @Override
    public AnswerChecker checker() {
        return CodeAnswerChecker.INSTANCE;
    }

    /** One kind of function: its description, its Python body, its value in Java (with Python's semantics). */
    private record Shape(String words, String python, LongUnaryOperator value) {}

    private static Shape shape(SplittableRandom rng) {
        long a = rng.nextLong(2, 13);
        long b = rng.nextLong(1, 50);
        return switch (rng.nextInt(6)) {
            case 0 -> new Shape("x times " + a + " plus " + b, a + "*x+" + b, x -> a * x + b);
            case 1 -> new Shape("x squared minus " + b, "x*x-" + b, x -> x * x - b);
            case 2 -> new Shape("x modulo " + a, "x%" + a, x -> Math.floorMod(x, a));
            case 3 -> new Shape("the larger of x and " + b, "max(x," + b + ")", x -> Math.max(x, b));
            case 4 -> new Shape("the distance from x to " + b, "abs(x-" + b + ")", x -> Math.abs(x - b));
            default -> new Shape("x divided by " + a + ", rounded down", "x//" + a, x -> Math.floorDiv(x, a));
        };
    }

    @Override
    protected Problem draw(SplittableRandom rng) {
        Shape s = shape(rng);
        List<String> asserts = new ArrayList<>(tests);
        int start = rng.nextInt(INPUTS.length);
        for (int i = 0; i < tests; i++) {
            long x = INPUTS[(start + i) % INPUTS.length];
            asserts.add("assert f(" + x + ") == " + s.value().applyAsLong(x));
        }
        return new Problem("", "f(x) = " + s.words(), s.python(), Map.of("tests", List.copyOf(asserts)));
    }

    @Override
    protected String solve(Problem problem, SplittableRandom rng) {
        return completion("f(x) = " + problem.reference(), problem.reference());
    }

    /** The program a completion's answer stands for. */
    public static String program(String body) {
        return "def f(x):\n    return " + body.strip() + "\n";
    }
}
