package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;

/**
 * The shared machinery of the procedural tasks: one seeded random stream of candidate problems, each routed to its
 * split by {@link Split#of}, duplicates dropped. Subclasses say how to draw a problem and how to solve it in words.
 */
public abstract class ProceduralTask implements Task {
    /** Candidates drawn per requested problem before giving up: bounds the loop when the space is too small. */
    private static final int MAX_DRAWS_PER_PROBLEM = 200;

    protected final long seed;
    private final PromptTemplate template;

    protected ProceduralTask(long seed, PromptTemplate template) {
        this.seed = seed;
        this.template = template;
    }

    /** Draws one candidate problem (its id is assigned later). */
    protected abstract Problem draw(SplittableRandom rng);

    /** A worked cold-start completion for a problem: {@code <think>steps</think><answer>answer</answer>}. */
    protected abstract String solve(Problem problem, SplittableRandom rng);

    @Override
    public List<Problem> problems(Split split, int count) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        List<Problem> out = new ArrayList<>(count);
        long budget = (long) MAX_DRAWS_PER_PROBLEM * Math.max(count, 1);
        for (long draws = 0; out.size() < count; draws++) {
            if (draws >= budget) {
                throw new IllegalArgumentException("task " + name() + " found only " + out.size() + " distinct "
                        + split.name().toLowerCase() + " problems, " + count + " requested: widen its settings");
            }
            Problem p = draw(rng);
            if (Split.of(p.question()) != split || !seen.add(p.question())) continue;
            String id = name() + "-" + seed + "-" + split.name().toLowerCase() + "-" + out.size();
            out.add(new Problem(id, p.question(), p.reference(), p.fields()));
        }
        return out;
    }

    @Override
    public List<SftExample> coldStart(int count) {
        // A separate stream for the wording choices, so cold-start data never changes which problems are drawn.
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SftExample> out = new ArrayList<>(count);
        for (Problem p : problems(Split.TRAIN, count)) {
            out.add(new SftExample(p.id(), template.render(p), solve(p, rng)));
        }
        return out;
    }

    @Override
    public PromptTemplate template() {
        return template;
    }

    static String completion(String thinking, String answer) {
        return "<think>" + thinking + "</think><answer>" + answer + "</answer>";
    }
}
