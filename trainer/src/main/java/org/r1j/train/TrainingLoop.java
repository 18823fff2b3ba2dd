package org.r1j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.r1j.model.CausalLM;
import org.r1j.optim.AdamW;
import org.r1j.optim.GradClip;
import org.r1j.optim.LrSchedule;
import org.r1j.train.checkpoint.TrainerState;
import org.r1j.train.checkpoint.TrainingCheckpoint;
import org.r1j.train.record.RunRecorder;

/**
 * The training loop SFT and GRPO share, around a trainer's {@link StepFunction}: per step the learning rate from
 * the {@link LrSchedule}, the step's forward and backward, global gradient-norm clipping, the AdamW update (skipped,
 * weights and optimiser untouched, when the loss or the gradient norm is NaN/Inf), the in-run
 * {@link StepEvaluation}, the listeners (run records, console, live displays). Around the steps: resumable
 * checkpoints every {@code save_steps} and at the end, {@link #resume()} from the newest one, and a graceful stop
 * (an interrupt of the training thread or {@link #requestStop()}) after the step in flight.
 *
 * <p>A trainer whose steps come in rounds (GRPO: one rollout feeds several updates) stops and checkpoints only
 * between rounds, since a half-used rollout is in no checkpoint.
 */
public final class TrainingLoop {
    /**
     * @param stage         "sft" or "grpo": names the checkpoints, records and progress
     * @param maxSteps      optimiser steps to run
     * @param saveSteps     checkpoint every N steps (at round ends); 0 = only at the end and on a stop
     * @param stepsPerRound steps that must run together (1 for SFT)
     * @param maxGradNorm   global gradient-norm clip; 0 = off (the norm is still logged)
     * @param schedule      the learning rate per 0-based step
     * @param outputDir     run directory for records and checkpoints; null = none
     * @param seed          the run's seed (recorded in checkpoints)
     * @param settings      the run's settings, snake_case (recorded in checkpoints)
     */
    public record Settings(String stage, int maxSteps, int saveSteps, int stepsPerRound, double maxGradNorm,
                           LrSchedule schedule, Path outputDir, long seed, Map<String, Object> settings) {
        public Settings {
            if (maxSteps < 1) throw new IllegalArgumentException("max_steps must be >= 1, got " + maxSteps);
            if (stepsPerRound < 1) throw new IllegalArgumentException("steps per round must be >= 1, got " + stepsPerRound);
        }
    }

    /** @param lastStep steps completed; @param interrupted stopped early; @param skippedSteps NaN/Inf updates skipped */
    public record Result(int lastStep, boolean interrupted, int skippedSteps) {
    }

    private final Settings s;
    private final CausalLM model;
    private final AdamW optimizer;
    private final CausalLM ref;
    private final DataStream<?> data;
    private final StepFunction step;
    private final Listeners listeners = new Listeners();
    private final RunRecorder recorder;
    private StepEvaluation evaluation = StepEvaluation.NONE;
    private int done;               // optimiser steps completed
    private long numTokens;         // TRL's cumulative num_tokens
    private int skipped;
    private volatile boolean stopRequested;

    /**
     * @param ref  a second model the checkpoints carry (GRPO's reference model), or null
     * @param data the training data; its position goes into checkpoints
     */
    public TrainingLoop(Settings settings, CausalLM model, AdamW optimizer, CausalLM ref, DataStream<?> data, StepFunction step) {
        this.s = settings;
        this.model = model;
        this.optimizer = optimizer;
        this.ref = ref;
        this.data = data;
        this.step = step;
        this.recorder = s.outputDir() == null ? null
                : new RunRecorder(s.outputDir(), "r1j " + s.stage().toUpperCase(Locale.ROOT) + " run " + s.outputDir().getFileName());
        listeners.add(recorder);
    }

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    public void evaluation(StepEvaluation e) {
        this.evaluation = e == null ? StepEvaluation.NONE : e;
    }

    /** Asks the loop to stop after the step (round) in flight; thread-safe, e.g. from a Ctrl-C handler. */
    public void requestStop() {
        stopRequested = true;
    }

    public int step() { return done; }
    public long numTokens() { return numTokens; }
    public Optional<RunRecorder> recorder() { return Optional.ofNullable(recorder); }

    /** Continues from the newest checkpoint in the output directory; false when there is none. */
    public boolean resume() {
        if (s.outputDir() == null) throw new IllegalStateException("resume needs an output_dir");
        Optional<Path> cp = TrainingCheckpoint.latest(s.outputDir());
        if (cp.isEmpty()) return false;
        TrainerState state = TrainingCheckpoint.load(cp.get(), model, optimizer, ref);
        if (!s.stage().equals(state.stage())) {
            throw new IllegalStateException(cp.get() + " is a " + state.stage() + " checkpoint, not " + s.stage().toUpperCase(Locale.ROOT));
        }
        done = state.step();
        numTokens = state.numTokens();
        data.seek(state.epoch(), state.index());
        return true;
    }

    /** Runs until max_steps or a stop. */
    public Result train() {
        listeners.onStart(s.stage(), done + 1, s.maxSteps());
        if (done == 0) {
            Map<String, Double> atStart = evaluation.after(0, s.maxSteps());
            if (!atStart.isEmpty()) listeners.onStep(new StepMetrics(s.stage(), 0, s.maxSteps(), atStart, List.of(), false, "eval on start"));
        }
        boolean interrupted = false;
        while (done < s.maxSteps()) {
            if (stopNow()) {
                interrupted = true;
                break;
            }
            trainStep();
            boolean roundDone = done % s.stepsPerRound() == 0;
            if (roundDone && s.saveSteps() > 0 && done % s.saveSteps() == 0 && done < s.maxSteps()) checkpoint();
        }
        checkpoint();
        evaluation.finish(interrupted);
        listeners.onEnd(done, interrupted);
        if (interrupted) Thread.currentThread().interrupt(); // let the caller see it too
        return new Result(done, interrupted, skipped);
    }

    /** One optimiser step: the step function's passes, clip, update, then metrics, evaluation and listeners. */
    public StepMetrics trainStep() {
        int index = done;
        double rate = s.schedule().lr(index);
        StepFunction.Gradients g = step.gradients(index);
        long t0 = System.nanoTime();
        String skip = g.empty() && g.skip() == null ? "nothing to train on" : g.skip();
        double gradNorm = Double.NaN;
        if (skip == null) {
            gradNorm = s.maxGradNorm() > 0 ? GradClip.clip(model.parameters(), model.backend(), s.maxGradNorm())
                    : GradClip.globalNorm(model.parameters(), model.backend());
            if (!Double.isFinite(gradNorm)) skip = "gradient norm is " + gradNorm;
            else optimizer.step(rate);
        }
        model.zeroGrad();
        double optimizerSeconds = (System.nanoTime() - t0) / 1e9;
        done++;
        if (skip != null && !g.empty()) skipped++;
        numTokens += g.tokens();
        StepFunction.Row row = step.finish(new StepFunction.Update(done, rate, gradNorm, skip, numTokens, optimizerSeconds));
        Map<String, Double> values = new LinkedHashMap<>(row.values());
        values.putAll(evaluation.after(done, s.maxSteps()));
        StepMetrics m = new StepMetrics(s.stage(), done, s.maxSteps(), values, row.completions(), skip != null, row.note());
        listeners.onStep(m);
        return m;
    }

    /** A requested stop takes effect only between rounds. */
    private boolean stopNow() {
        if (stopRequested || Thread.interrupted()) stopRequested = true;
        return stopRequested && done % s.stepsPerRound() == 0;
    }

    /** Writes a resumable checkpoint into the run directory; a run without one keeps none. */
    private void checkpoint() {
        if (s.outputDir() == null) return;
        TrainerState state = new TrainerState(s.stage(), done, data.epoch(), data.index(), numTokens, s.seed(), s.settings());
        listeners.onCheckpoint(done, TrainingCheckpoint.save(s.outputDir(), state, model, optimizer, ref));
    }

    /** Frees the optimiser's state (its moments live in the model's backend). */
    public void close() {
        optimizer.close();
    }
}
