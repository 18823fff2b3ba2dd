package org.r1j.pipeline.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out evaluation during a training stage (SFT or GRPO), with TRL's names for the schedule and the best
 * checkpoint and the R1 paper's protocol for the measurement (k samples at temperature 0.6 / top-p 0.95 give
 * pass@1 and cons@k; one greedy completion). Off unless {@code eval_steps > 0} or {@code eval_on_start}. Logged as
 * {@code eval/pass@1}, {@code eval/pass@1_stderr}, {@code eval/cons@k}, {@code eval/greedy}, {@code eval/format},
 * {@code eval/mean_length} (see {@link EvalResult#metrics}) in the stage's metrics.csv, console, report and live
 * display.
 *
 * @param evalSteps          evaluate after every N optimiser steps, and after the last one (TRL {@code eval_steps}
 *                           with {@code eval_strategy="steps"}); 0 = only {@code eval_on_start}
 * @param evalOnStart        evaluate before the first step too, logged as step 0 (TRL {@code eval_on_start})
 * @param evalProblems       held-out (TEST split) problems, the same ones at every evaluation
 * @param numGenerationsEval samples per problem, k of pass@1 and cons@k (TRL {@code num_generations_eval}; R1 used
 *                           k = 4..64)
 * @param evalTemperature    sampling temperature (R1: 0.6)
 * @param evalTopP           nucleus sampling (R1: 0.95)
 * @param evalMaxNewTokens   token limit per sample; 0 = the stage's own (GRPO {@code max_completion_length},
 *                           SFT {@code max_length})
 * @param evalSeed           sampling seed of every evaluation: the same seeds at every point, so a change in the
 *                           curve is the model's, not the dice's
 * @param metricForBestModel keep {@code best/} (a model directory) for the best value of this logged metric, e.g.
 *                           {@code eval/pass@1} (TRL {@code metric_for_best_model}); empty = no best checkpoint
 * @param greaterIsBetter    how the metric compares; null = true unless its name ends in "loss" (TRL's rule)
 * @param loadBestModelAtEnd the stage ends with the best model's weights (TRL {@code load_best_model_at_end}); needs
 *                           {@code metric_for_best_model}
 */
public record InRunEval(int evalSteps, boolean evalOnStart, int evalProblems, int numGenerationsEval, double evalTemperature,
                        double evalTopP, int evalMaxNewTokens, long evalSeed, String metricForBestModel, Boolean greaterIsBetter,
                        boolean loadBestModelAtEnd) {
    /** The YAML keys, in the order {@link #toMap} writes them. */
    public static final List<String> KEYS = List.of("eval_steps", "eval_on_start", "eval_problems", "num_generations_eval",
            "eval_temperature", "eval_top_p", "eval_max_new_tokens", "eval_seed", "metric_for_best_model", "greater_is_better",
            "load_best_model_at_end");

    public static final InRunEval OFF = new InRunEval(0, false, 100, 4, 0.6, 0.95, 0, 1234, "", null, false);

    public InRunEval {
        if (evalSteps < 0) throw new IllegalArgumentException("eval_steps must be >= 0, got " + evalSteps);
        if (evalProblems < 1) throw new IllegalArgumentException("eval_problems must be >= 1, got " + evalProblems);
        if (numGenerationsEval < 1) throw new IllegalArgumentException("num_generations_eval must be >= 1, got " + numGenerationsEval);
        if (!(evalTemperature >= 0)) throw new IllegalArgumentException("eval_temperature must be >= 0, got " + evalTemperature);
        if (!(evalTopP > 0 && evalTopP <= 1)) throw new IllegalArgumentException("eval_top_p must be in (0, 1], got " + evalTopP);
        if (evalMaxNewTokens < 0) throw new IllegalArgumentException("eval_max_new_tokens must be >= 0, got " + evalMaxNewTokens);
        metricForBestModel = metricForBestModel == null ? "" : metricForBestModel.strip();
        if (!metricForBestModel.isEmpty() && !metricForBestModel.startsWith("eval/")) {
            throw new IllegalArgumentException("metric_for_best_model must name a logged eval metric such as eval/pass@1, got '"
                    + metricForBestModel + "'");
        }
        if (loadBestModelAtEnd && metricForBestModel.isEmpty()) {
            throw new IllegalArgumentException("load_best_model_at_end needs metric_for_best_model (e.g. eval/pass@1)");
        }
        if (!metricForBestModel.isEmpty() && evalSteps == 0) {
            throw new IllegalArgumentException("metric_for_best_model needs eval_steps > 0");
        }
    }

    /** Every {@code steps} steps on {@code problems} held-out problems, k samples each, R1's sampling. */
    public static InRunEval every(int steps, int problems, int k) {
        return new InRunEval(steps, false, problems, k, 0.6, 0.95, 0, 1234, "", null, false);
    }

    public boolean enabled() {
        return evalSteps > 0 || evalOnStart;
    }

    public InRunEval withEvalOnStart(boolean on) {
        return new InRunEval(evalSteps, on, evalProblems, numGenerationsEval, evalTemperature, evalTopP, evalMaxNewTokens,
                evalSeed, metricForBestModel, greaterIsBetter, loadBestModelAtEnd);
    }

    /** Keeps {@code best/} for {@code metric}; with {@code loadAtEnd}, the stage ends on it. */
    public InRunEval withBestModel(String metric, boolean loadAtEnd) {
        return new InRunEval(evalSteps, evalOnStart, evalProblems, numGenerationsEval, evalTemperature, evalTopP, evalMaxNewTokens,
                evalSeed, metric, greaterIsBetter, loadAtEnd);
    }

    /** Whether a higher value of the best-model metric is better. */
    public boolean higherIsBetter() {
        return greaterIsBetter != null ? greaterIsBetter : !metricForBestModel.endsWith("loss");
    }

    /** The evaluation protocol, with {@code stageMaxTokens} when {@code eval_max_new_tokens} is 0. */
    public EvalConfig evalConfig(int stageMaxTokens, List<String> stopStrings) {
        return new EvalConfig(numGenerationsEval, evalTemperature, evalTopP, evalMaxNewTokens > 0 ? evalMaxNewTokens : stageMaxTokens,
                true, stopStrings, evalSeed);
    }

    /** Reads the keys of {@link #KEYS} present in {@code m}, removing them; the rest is the stage's own. */
    public static InRunEval take(Map<String, Object> m) {
        InRunEval d = OFF;
        Object best = m.remove("metric_for_best_model");
        Object greater = m.remove("greater_is_better");
        return new InRunEval(integer(m.remove("eval_steps"), "eval_steps", d.evalSteps), flag(m.remove("eval_on_start"), "eval_on_start", d.evalOnStart),
                integer(m.remove("eval_problems"), "eval_problems", d.evalProblems),
                integer(m.remove("num_generations_eval"), "num_generations_eval", d.numGenerationsEval),
                number(m.remove("eval_temperature"), "eval_temperature", d.evalTemperature),
                number(m.remove("eval_top_p"), "eval_top_p", d.evalTopP),
                integer(m.remove("eval_max_new_tokens"), "eval_max_new_tokens", d.evalMaxNewTokens),
                (long) number(m.remove("eval_seed"), "eval_seed", d.evalSeed),
                best == null ? "" : String.valueOf(best), greater == null ? null : flag(greater, "greater_is_better", true),
                flag(m.remove("load_best_model_at_end"), "load_best_model_at_end", d.loadBestModelAtEnd));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eval_steps", evalSteps);
        m.put("eval_on_start", evalOnStart);
        m.put("eval_problems", evalProblems);
        m.put("num_generations_eval", numGenerationsEval);
        m.put("eval_temperature", evalTemperature);
        m.put("eval_top_p", evalTopP);
        m.put("eval_max_new_tokens", evalMaxNewTokens);
        m.put("eval_seed", evalSeed);
        m.put("metric_for_best_model", metricForBestModel);
        m.put("greater_is_better", greaterIsBetter);
        m.put("load_best_model_at_end", loadBestModelAtEnd);
        return m;
    }

    private static double number(Object o, String key, double dflt) {
        if (o == null) return dflt;
        if (o instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(o).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got '" + o + "'");
        }
    }

    private static int integer(Object o, String key, int dflt) {
        double v = number(o, key, dflt);
        if (v != Math.rint(v)) throw new IllegalArgumentException("'" + key + "' must be a whole number, got " + o);
        return (int) v;
    }

    private static boolean flag(Object o, String key, boolean dflt) {
        if (o == null) return dflt;
        if (o instanceof Boolean b) return b;
        String s = String.valueOf(o).strip();
        if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
        throw new IllegalArgumentException("'" + key + "' must be true or false, got '" + o + "'");
    }
}
