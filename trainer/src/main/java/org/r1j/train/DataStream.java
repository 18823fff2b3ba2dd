package org.r1j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, seeded stream of training examples (GRPO problems, SFT examples): each epoch is a fresh permutation drawn from (seed, epoch), so
 * the position (epoch, index) is all a checkpoint needs to continue exactly where a run stopped.
 */
public final class DataStream<T> {
    private final List<T> problems;
    private final long seed;
    private int epoch;
    private int index;
    private int[] order;

    public DataStream(List<T> problems, long seed) {
        if (problems.isEmpty()) throw new IllegalArgumentException("no training examples");
        this.problems = List.copyOf(problems);
        this.seed = seed;
        seek(0, 0);
    }

    /** The next {@code n} problems, crossing into the next epoch when this one runs out. */
    public List<T> next(int n) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (index == order.length) seek(epoch + 1, 0);
            out.add(problems.get(order[index++]));
        }
        return out;
    }

    /** Examples per epoch. */
    public int size() { return problems.size(); }

    public int epoch() { return epoch; }

    public int index() { return index; }

    /** Moves to a saved position. */
    public void seek(int epoch, int index) {
        if (index < 0 || index > problems.size()) throw new IllegalArgumentException("data position " + index + " is outside 0.." + problems.size());
        this.epoch = epoch;
        this.index = index;
        this.order = permutation(problems.size(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
