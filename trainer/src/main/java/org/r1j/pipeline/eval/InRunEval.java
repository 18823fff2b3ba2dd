package org.r1j.pipeline.eval;

import java.util.List;
import java.util.Map;
import org.r1j.config.Knob;
import org.r1j.config.Knobs;

/**
 * Held-out evaluation during a training stage (SFT or GRPO), with TRL's names for the schedule and the best
 * checkpoint and the R1 paper's protocol for the measurement (k samples at temperature 0.6 / top-p 0.95 give
 * pass@1 and cons@k; one greedy completion). Off unless {@code eval_steps > 0} or {@code eval_on_start}. Logged as
 * {@code eval/pass@1}, {@code eval/pass@1_stderr}, {@code eval/cons@k}, {@code eval/greedy}, {@code eval/format},
 * {@code eval/mean_length} (see {@link EvalResult#metrics}) in the stage's metrics.csv, console, report and live
 * display.
 * Each setting is declared once, on its component ({@link Knob}: default, doc, YAML key).
 */
public record InRunEval(
        @Knob(value = "0", doc = "evaluate after every N optimiser steps, and after the last one (TRL eval_steps with "
                + "eval_strategy=\"steps\"); 0 = only eval_on_start")
        int evalSteps,

        @Knob(value = "false", doc = "evaluate before the first step too, logged as step 0 (TRL eval_on_start)")
        boolean evalOnStart,

        @Knob(value = "100", doc = "held-out (TEST split) problems, the same ones at every evaluation")
        int evalProblems,

        @Knob(value = "4", doc = "samples per problem, k of pass@1 and cons@k (TRL num_generations_eval; R1 used k = 4..64)")
        int numGenerationsEval,

        @Knob(value = "0.6", doc = "sampling temperature (R1: 0.6)")
        double evalTemperature,

        @Knob(value = "0.95", doc = "nucleus sampling mass (R1: 0.95)")
        double evalTopP,

        @Knob(value = "0", doc = "token limit per sample; 0 = the stage's own (GRPO max_completion_length, SFT max_length)")
        int evalMaxNewTokens,

        @Knob(value = "1234", doc = "sampling seed of every evaluation: the same seeds at every point, so a change in the "
                + "curve is the model's, not the dice's")
        long evalSeed,

        @Knob(value = "\"\"", doc = "keep best/ (a model directory) for the best value of this logged metric, e.g. "
                + "eval/pass@1 (TRL metric_for_best_model); empty = no best checkpoint")
        String metricForBestModel,

        @Knob(value = "null", doc = "how the metric compares; null = true unless its name ends in \"loss\" (TRL's rule, "
                + "greater_is_better)")
        Boolean greaterIsBetter,

        @Knob(value = "false", doc = "the stage ends with the best model's weights (TRL load_best_model_at_end); needs "
                + "metric_for_best_model")
        boolean loadBestModelAtEnd) {
    /** The settings, their defaults and docs; YAML ↔ record. */
    public static final Knobs<InRunEval> KNOBS = Knobs.of(InRunEval.class, "in-run evaluation");

    /** The YAML keys, in the order {@link #toMap} writes them. */
    public static final List<String> KEYS = KNOBS.keys();

    /** No in-run evaluation: every setting at its default. */
    public static final InRunEval OFF = KNOBS.defaults();

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
        return KNOBS.builder().set(InRunEval::evalSteps, steps).set(InRunEval::evalProblems, problems)
                .set(InRunEval::numGenerationsEval, k).build();
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
        return KNOBS.take(m);
    }

    public Map<String, Object> toMap() {
        return KNOBS.toMap(this);
    }
}
