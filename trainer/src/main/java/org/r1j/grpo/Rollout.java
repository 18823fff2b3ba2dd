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
public record Rollout(List<VerifiableProblem> problems, List<String> prompts, List<Generation> generations,
                      List<String> rewardNames, double[][] perReward, double[] totals, Advantages advantages,
                      TokenBatch batch, float[][] mask, List<String> verifierErrors) {

    public int size() {
        return generations.size();
    }

    /**
     * One prompt's G completions and their scores, before advantages (dynamic sampling decides on these).
     *
     * @param perReward [G][R] each reward's value (NaN = unknown)
     * @param totals    [G] total reward (NaN = unknown)
     * @param error     why scoring failed (the group is then unknown), or null
     */
    record ScoredGroup(VerifiableProblem problem, String prompt, List<Generation> generations, double[][] perReward,
                       double[] totals, String error) {
        /** Whether the rewards (the total, or the named reward) differ within the group: verl's filter_groups test. */
        boolean informative(List<String> rewardNames, String metric) {
            int k = metric.equals("total") ? -1 : rewardNames.indexOf(metric);
            if (k < 0 && !metric.equals("total")) {
                throw new IllegalArgumentException("filter_groups_metric '" + metric + "' is neither 'total' nor a reward of "
                        + "the program (" + String.join(", ", rewardNames) + ")");
            }
            double[] v = new double[totals.length];
            for (int i = 0; i < v.length; i++) v[i] = k < 0 ? totals[i] : perReward[i][k];
            double std = Advantages.nanStd(v, 0, v.length, Advantages.nanMean(v, 0, v.length));
            return std > 0;                      // NaN (fewer than two known) is not informative
        }
    }

    /** Scores the completions group by group and builds the token batch. */
    static Rollout of(List<? extends VerifiableProblem> problems, List<String> prompts, List<List<Generation>> groups, Rewarder rewarder,
                      GrpoConfig config) {
        return assemble(score(problems, prompts, groups, rewarder), rewarder, config);
    }

    /** Scores each group with the reward program; a group whose scoring throws is unknown, with its error kept. */
    static List<ScoredGroup> score(List<? extends VerifiableProblem> problems, List<String> prompts, List<List<Generation>> groups,
                                   Rewarder rewarder) {
        List<String> names = rewarder.rewardNames();
        List<ScoredGroup> out = new ArrayList<>(groups.size());
        for (int p = 0; p < groups.size(); p++) {
            List<Generation> group = groups.get(p);
            VerifiableProblem problem = problems.get(p);
            List<Sample> samples = new ArrayList<>(group.size());
            for (Generation g : group) {
                samples.add(new Sample(prompts.get(p), g.text(), problem.reference(), problem.fields(), g.tokens().length));
            }
            List<String> errors = new ArrayList<>(1);
            List<Score> scores = score(rewarder, samples, problem, errors);
            double[][] per = new double[group.size()][names.size()];
            double[] totals = new double[group.size()];
            for (int i = 0; i < group.size(); i++) {
                Score s = scores == null ? null : scores.get(i);
                for (int r = 0; r < names.size(); r++) {
                    Double v = s == null ? null : s.values().get(names.get(r));
                    per[i][r] = v == null ? Double.NaN : v;
                }
                totals[i] = s == null ? Double.NaN : s.total();
            }
            out.add(new ScoredGroup(problem, prompts.get(p), group, per, totals, errors.isEmpty() ? null : errors.get(0)));
        }
        return out;
    }

    /** The generation batch of these scored groups: advantages over all of them, token batch and loss mask. */
    static Rollout assemble(List<ScoredGroup> groups, Rewarder rewarder, GrpoConfig config) {
        List<String> names = rewarder.rewardNames();
        List<VerifiableProblem> problems = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<Generation> flat = new ArrayList<>();
        List<double[]> per = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ScoredGroup g : groups) {
            problems.add(g.problem());
            prompts.add(g.prompt());
            if (g.error() != null) errors.add(g.error());
            for (int i = 0; i < g.generations().size(); i++) {
                flat.add(g.generations().get(i));
                per.add(g.perReward()[i]);
                totals.add(g.totals()[i]);
            }
        }
        double[] total = totals.stream().mapToDouble(Double::doubleValue).toArray();
        TokenBatch batch = tokenBatch(flat);
        float[][] mask = new float[flat.size()][];
        double[] tokens = new double[flat.size()];
        for (int i = 0; i < flat.size(); i++) {
            Generation g = flat.get(i);
            mask[i] = new float[g.tokens().length];
            boolean drop = config.maskTruncatedCompletions() && g.finishReason() == FinishReason.LENGTH;
            if (!drop) java.util.Arrays.fill(mask[i], 1f);
            tokens[i] = drop ? 0 : g.tokens().length;
        }
        double[] weights = new double[names.size()];
        for (int r = 0; r < weights.length; r++) weights[r] = rewarder.weight(names.get(r));
        double[][] perReward = per.toArray(double[][]::new);
        Advantages adv = Advantages.compute(total, perReward, weights, tokens, config.numGenerations(), config.scaleRewards(),
                config.advantageEstimator(), config.multiObjectiveAggregation());
        return new Rollout(problems, prompts, flat, names, perReward, total, adv, batch, mask, errors);
    }

    /** The token batch of some of the rows (a micro-batch), trimmed to its longest row. */
    TokenBatch rows(int[] idx) {
        int t = 0;
        for (int i : idx) t = Math.max(t, batch.lengths()[i]);
        int[][] tokens = new int[idx.length][];
        int[] promptLengths = new int[idx.length];
        int[] lengths = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            tokens[k] = java.util.Arrays.copyOf(batch.tokens()[idx[k]], t);
            promptLengths[k] = batch.promptLengths()[idx[k]];
            lengths[k] = batch.lengths()[idx[k]];
        }
        return new TokenBatch(tokens, promptLengths, lengths);
    }

    /** A verifier failure never stops training: the group is scored unknown and the error is recorded. */
    private static List<Score> score(Rewarder rewarder, List<Sample> samples, VerifiableProblem problem, List<String> errors) {
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
