package org.r1j.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One setting a sweep varies, and the values it takes.
 *
 * <p>The key names where the setting lives in the base pipeline config: {@code grpo.learning_rate} (that key in every
 * grpo stage; likewise {@code sft.}, {@code eval.}, {@code rejection.}, {@code distill.}), {@code stages[2].beta}
 * (one stage, 1-based), {@code model.seed}, {@code task.seed} or {@code reward}. Values are a list (a grid axis) or
 * samples drawn from a range ({@link #uniform}, {@link #logUniform}), seeded so a sweep expands the same way every time.
 *
 * @param key    where the value goes
 * @param values the values, in order
 * @param line   line of the axis in the sweep file (0 when built in code), for errors
 */
public record SweepAxis(String key, List<Object> values, int line) {
    public SweepAxis {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("an axis needs a key such as grpo.learning_rate");
        if (values == null || values.isEmpty()) throw new IllegalArgumentException("axis " + key + " has no values");
        values = List.copyOf(values);
    }

    /** A grid axis over the given values. */
    public static SweepAxis of(String key, List<?> values) {
        return new SweepAxis(key, new ArrayList<>(values), 0);
    }

    /** {@code samples} values drawn uniformly from [low, high], from {@code seed}. */
    public static SweepAxis uniform(String key, double low, double high, int samples, long seed, int line) {
        checkRange(key, low, high, samples);
        Random rnd = new Random(seed ^ key.hashCode());
        List<Object> v = new ArrayList<>();
        for (int i = 0; i < samples; i++) v.add(round(low + (high - low) * rnd.nextDouble()));
        return new SweepAxis(key, v, line);
    }

    /** {@code samples} values drawn with a uniform logarithm from [low, high] (learning rates), from {@code seed}. */
    public static SweepAxis logUniform(String key, double low, double high, int samples, long seed, int line) {
        checkRange(key, low, high, samples);
        if (!(low > 0)) throw new IllegalArgumentException("axis " + key + ": log_uniform needs low > 0, got " + low);
        Random rnd = new Random(seed ^ key.hashCode());
        List<Object> v = new ArrayList<>();
        for (int i = 0; i < samples; i++) v.add(round(Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * rnd.nextDouble())));
        return new SweepAxis(key, v, line);
    }

    /** The same values under another key (a seeds: list goes to its seed_key). */
    public SweepAxis rekey(String newKey) {
        return new SweepAxis(newKey, values, line);
    }

    /** The last part of the key: what a run's name and the results table call it. */
    public String shortName() {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    private static void checkRange(String key, double low, double high, int samples) {
        if (!(low <= high)) throw new IllegalArgumentException("axis " + key + ": the range needs low <= high, got [" + low + ", " + high + "]");
        if (samples < 1) throw new IllegalArgumentException("axis " + key + ": samples must be >= 1, got " + samples);
    }

    /** Four significant digits: readable names, and values that print the same as they are used. */
    private static double round(double x) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", x));
    }
}
