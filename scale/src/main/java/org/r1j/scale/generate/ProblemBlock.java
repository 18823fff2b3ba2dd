package org.r1j.scale.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.r1j.pipeline.data.Problem;

/**
 * Problems {@code start .. start + problems.size() - 1} of a job's list: one Spark partition. Blocks are
 * {@link #SIZE} problems long, the generator's batch in rows, so with n samples per problem each block starts at
 * row {@code start × n}, a multiple of the batch: the block is batched exactly as inside the whole list, and its
 * samples are bit for bit the single-process ones, however many executors share the blocks.
 *
 * @param start    the first problem's number in the job's list (its random streams are seeded from it)
 * @param problems the block's problems, in order
 */
public record ProblemBlock(int start, List<Problem> problems) implements Serializable {
    /** The generator's default rows per batch ({@code Generator}'s 64). */
    public static final int SIZE = 64;

    public ProblemBlock {
        problems = new ArrayList<>(problems);
    }

    public static List<ProblemBlock> split(List<Problem> problems) {
        List<ProblemBlock> out = new ArrayList<>();
        for (int s = 0; s < problems.size(); s += SIZE) out.add(new ProblemBlock(s, problems.subList(s, Math.min(problems.size(), s + SIZE))));
        return out;
    }
}
