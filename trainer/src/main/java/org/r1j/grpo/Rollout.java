package org.r1j.grpo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.model.TokenBatch;
import org.r1j.model.sample.FinishReason;
import org.r1j.model.sample.Generation;
import org.r1j.pipeline.data.Problem;

/**
 * One generation batch: P prompts × G completions, their scores, advantages and the token batch the loss is
 * computed on. Completions are ordered prompt by prompt (the G of a prompt are adjacent), as advantages need.
 *
 * @param rewardNames  the reward program's rewards, in declaration order
 * @param perReward    [B][R] each reward's value (NaN = unknown)
 * @param totals       [B] total reward (NaN when the whole sample is unknown)
 * @param mask         [B][T_b] 1 on completion tokens that count in the loss
 * @param verifierErrors one line per group whose scoring threw (training goes on; the group counts as unknown)
 */
public record Rollout(List<Problem> problems, List<String> prompts, List<Generation> generations,
                      List<String> rewardNames, double[][] perReward, double[] totals, Advantages advantages,
                      TokenBatch batch, float[][] mask, List<String> verifierErrors) {

    public int size() {
        return generations.size();
    }

    /** Scores the completions group by group and builds the token batch. */
    static Rollout of(List<Problem> problems, List<String> prompts, List<List<Generation>> groups, Rewarder rewarder,
                      GrpoConfig config) {
        List<String> names = rewarder.rewardNames();
        List<Generation> flat = new ArrayList<>();
        List<double[]> per = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int p = 0; p < groups.size(); p++) {
            List<Generation> group = groups.get(p);
            Problem problem = problems.get(p);
            List<Sample> samples = new ArrayList<>(group.size());
            for (Generation g : group) {
                samples.add(new Sample(prompts.get(p), g.text(), problem.reference(), problem.fields(), g.tokens().length));
            }
            List<Score> scores = score(rewarder, samples, problem, errors);
            for (int i = 0; i < group.size(); i++) {
                flat.add(group.get(i));
                Score s = scores == null ? null : scores.get(i);
                double[] values = new double[names.size()];
                for (int r = 0; r < names.size(); r++) {
                    Double v = s == null ? null : s.values().get(names.get(r));
                    values[r] = v == null ? Double.NaN : v;
                }
                per.add(values);
                totals.add(s == null ? Double.NaN : s.total());
            }
        }
        double[] total = totals.stream().mapToDouble(Double::doubleValue).toArray();
        Advantages adv = Advantages.compute(total, config.numGenerations(), config.scaleRewards());
        TokenBatch batch = tokenBatch(flat);
        float[][] mask = new float[flat.size()][];
        for (int i = 0; i < flat.size(); i++) {
            Generation g = flat.get(i);
            mask[i] = new float[g.tokens().length];
            boolean drop = config.maskTruncatedCompletions() && g.finishReason() == FinishReason.LENGTH;
            if (!drop) java.util.Arrays.fill(mask[i], 1f);
        }
        return new Rollout(problems, prompts, flat, names, per.toArray(double[][]::new), total, adv, batch, mask, errors);
    }

    /** A verifier failure never stops training: the group is scored unknown and the error is recorded. */
    private static List<Score> score(Rewarder rewarder, List<Sample> samples, Problem problem, List<String> errors) {
        try {
            List<Score> scores = rewarder.scoreGroup(samples);
            if (scores.size() != samples.size()) {
                throw new IllegalStateException("returned " + scores.size() + " scores for " + samples.size() + " samples");
            }
            return scores;
        } catch (RuntimeException | StackOverflowError e) {
            errors.add("problem " + problem.id() + ": reward program failed: " + e);
            return null;
        }
    }

    private static TokenBatch tokenBatch(List<Generation> gens) {
        int b = gens.size();
        int t = 0;
        for (Generation g : gens) t = Math.max(t, g.promptTokens().length + g.tokens().length);
        int[][] tokens = new int[b][t];
        int[] promptLengths = new int[b];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            Generation g = gens.get(i);
            System.arraycopy(g.promptTokens(), 0, tokens[i], 0, g.promptTokens().length);
            System.arraycopy(g.tokens(), 0, tokens[i], g.promptTokens().length, g.tokens().length);
            promptLengths[i] = g.promptTokens().length;
            lengths[i] = g.promptTokens().length + g.tokens().length;
        }
        return new TokenBatch(tokens, promptLengths, lengths);
    }

    /** Σ mask: the DAPO normaliser of this generation batch. */
    public double activeTokens() {
        double s = 0;
        for (float[] row : mask) for (float m : row) s += m;
        return s;
    }

    /** Per-reward values of completion i by name, then "total". */
    public Map<String, Double> rewardsOf(int i) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int r = 0; r < rewardNames.size(); r++) m.put(rewardNames.get(r), perReward[i][r]);
        m.put("total", totals[i]);
        return m;
    }
}
