package org.r1j.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.r1j.grpo.DataStream;
import org.r1j.grpo.Listeners;
import org.r1j.grpo.StepMetrics;
import org.r1j.grpo.TrainingListener;
import org.r1j.grpo.checkpoint.TrainerState;
import org.r1j.grpo.checkpoint.TrainingCheckpoint;
import org.r1j.grpo.record.RunRecorder;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;
import org.r1j.optim.GradClip;
import org.r1j.optim.LrSchedule;
import org.r1j.pipeline.data.SftExample;

/**
 * Supervised fine-tuning on (prompt, completion) pairs — R1's cold start and distillation. Loss = mean negative
 * log-likelihood of the completion tokens and the EOS after them (prompt tokens are context only), through the
 * same {@link CausalLM#forward} / {@link ForwardPass#backward} path GRPO uses: dL/dlogp = -1/N per token.
 * Same robustness as GRPO: NaN/Inf steps are skipped, an interrupt stops after the step in flight with a
 * checkpoint, {@link #resume()} continues.
 */
public final class SftTrainer {
    public static final String STAGE = "sft";

    /** @param lastStep steps done; @param finalLoss mean loss of the last 10 steps; @param skippedSteps NaN/Inf steps */
    public record Result(int lastStep, boolean interrupted, double finalLoss, int skippedSteps) {}

    private final CausalLM model;
    private final Tokenizer tokenizer;
    private final SftConfig config;
    private final DataStream<SftExample> data;
    private final AdamW optimizer;
    private final LrSchedule schedule;
    private final Listeners listeners = new Listeners();
    private RunRecorder recorder;
    private StepEvaluation evaluation = StepEvaluation.NONE;
    private int step;
    private long numTokens;
    private int skipped;
    private final double[] recentLoss = new double[10];
    private volatile boolean stopRequested;

    public SftTrainer(CausalLM model, Tokenizer tokenizer, List<SftExample> examples, SftConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = config;
        this.data = new DataStream<>(examples, config.seed());
        this.optimizer = new AdamW(model.parameters(), model.backend(), new AdamWConfig(config.learningRate(), 0.9, 0.999, 1e-8, config.weightDecay()));
        this.schedule = config.lrSchedulerType().equals("cosine")
                ? LrSchedule.warmupCosine(config.learningRate(), 0, config.warmupSteps(), config.maxSteps())
                : s -> s < config.warmupSteps() ? config.learningRate() * (s + 1) / config.warmupSteps() : config.learningRate();
        Arrays.fill(recentLoss, Double.NaN);
        if (config.outputDir() != null) {
            recorder = new RunRecorder(config.outputDir(), "r1j SFT run " + config.outputDir().getFileName());
            listeners.add(recorder);
        }
    }

    public SftTrainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** In-run evaluation (e.g. {@code PeriodicEvaluation}): its metrics join the rows of the steps it measures. */
    public SftTrainer evaluation(StepEvaluation e) {
        this.evaluation = e;
        return this;
    }

    public void requestStop() { stopRequested = true; }
    public int step() { return step; }
    public CausalLM model() { return model; }
    public Optional<RunRecorder> recorder() { return Optional.ofNullable(recorder); }

    /** Continues from the newest checkpoint in output_dir; false when there is none. */
    public boolean resume() {
        if (config.outputDir() == null) throw new IllegalStateException("resume needs an output_dir");
        Optional<Path> cp = TrainingCheckpoint.latest(config.outputDir());
        if (cp.isEmpty()) return false;
        TrainerState s = TrainingCheckpoint.load(cp.get(), model, optimizer, null);
        if (!STAGE.equals(s.stage())) throw new IllegalStateException(cp.get() + " is a " + s.stage() + " checkpoint, not SFT");
        step = s.step();
        numTokens = s.numTokens();
        data.seek(s.epoch(), s.index());
        return true;
    }

    public Result train() {
        listeners.onStart(STAGE, step + 1, config.maxSteps());
        if (step == 0) {
            Map<String, Double> atStart = evaluation.after(0, config.maxSteps());
            if (!atStart.isEmpty()) listeners.onStep(new StepMetrics(STAGE, 0, config.maxSteps(), atStart, List.of(), false, "eval on start"));
        }
        boolean interrupted = false;
        while (step < config.maxSteps()) {
            if (stopRequested || Thread.interrupted()) {
                interrupted = true;
                break;
            }
            trainStep();
            if (config.saveSteps() > 0 && step % config.saveSteps() == 0 && step < config.maxSteps()) checkpoint();
        }
        if (config.outputDir() != null) checkpoint();
        evaluation.finish(interrupted);
        listeners.onEnd(step, interrupted);
        if (interrupted) Thread.currentThread().interrupt();
        double sum = 0;
        int n = 0;
        for (double l : recentLoss) if (!Double.isNaN(l)) { sum += l; n++; }
        return new Result(step, interrupted, n == 0 ? Double.NaN : sum / n, skipped);
    }

    private void checkpoint() {
        TrainerState s = new TrainerState(STAGE, step, data.epoch(), data.index(), numTokens, config.seed(), config.toMap());
        listeners.onCheckpoint(step, TrainingCheckpoint.save(config.outputDir(), s, model, optimizer, null));
    }

    /** One optimiser step on the next batch. */
    public StepMetrics trainStep() {
        long t0 = System.nanoTime();
        TokenBatch batch = batch(data.next(config.batchSize()));
        int tokens = 0;
        for (int b = 0; b < batch.batchSize(); b++) tokens += batch.completionLength(b);
        double loss;
        String skip = null;
        long t1, t2;
        try (ForwardPass pass = model.forward(batch, 1f, true)) {
            float[][] logp = pass.logprobs();
            float[][] d = new float[logp.length][];
            double sum = 0;
            for (int b = 0; b < logp.length; b++) {
                d[b] = new float[logp[b].length];
                for (int t = 0; t < logp[b].length; t++) {
                    sum -= logp[b][t];
                    d[b][t] = -1f / tokens;
                }
            }
            loss = sum / tokens;
            t1 = System.nanoTime();
            if (Double.isFinite(loss)) pass.backward(d);
            else skip = "loss is " + loss;
            t2 = System.nanoTime();
        }
        double rate = schedule.lr(step);
        double gradNorm = Double.NaN;
        if (skip == null) {
            gradNorm = config.maxGradNorm() > 0 ? GradClip.clip(model.parameters(), model.backend(), config.maxGradNorm())
                    : GradClip.globalNorm(model.parameters(), model.backend());
            if (!Double.isFinite(gradNorm)) skip = "gradient norm is " + gradNorm;
            else optimizer.step(rate);
        }
        model.zeroGrad();
        long t3 = System.nanoTime();
        step++;
        numTokens += Arrays.stream(batch.lengths()).sum();
        if (skip == null) recentLoss[step % recentLoss.length] = loss;
        else skipped++;
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("loss", loss);
        v.put("grad_norm", gradNorm);
        v.put("learning_rate", rate);
        v.put("num_tokens", (double) numTokens);
        v.put("epoch", data.epoch() + (double) data.index() / data.size());
        v.put("time/logprobs", (t1 - t0) / 1e9);
        v.put("time/backward", (t2 - t1) / 1e9);
        v.put("time/optimizer", (t3 - t2) / 1e9);
        v.put("step_time", (t3 - t0) / 1e9);
        v.putAll(evaluation.after(step, config.maxSteps()));
        StepMetrics m = new StepMetrics(STAGE, step, config.maxSteps(), v, List.of(), skip != null, skip);
        listeners.onStep(m);
        return m;
    }

    /** prompt + completion + EOS, right-padded; completions cut to max_length. */
    TokenBatch batch(List<SftExample> examples) {
        int n = examples.size();
        int[][] rows = new int[n][];
        int[] promptLengths = new int[n];
        int[] lengths = new int[n];
        int width = 0;
        for (int i = 0; i < n; i++) {
            int[] p = tokenizer.encode(examples.get(i).prompt());
            int[] c = tokenizer.encode(examples.get(i).completion());
            if (p.length >= config.maxLength()) {
                throw new IllegalArgumentException("example " + examples.get(i).id() + ": the prompt has " + p.length
                        + " tokens, max_length is " + config.maxLength());
            }
            int keep = Math.min(c.length + 1, config.maxLength() - p.length);
            int[] row = new int[p.length + keep];
            System.arraycopy(p, 0, row, 0, p.length);
            System.arraycopy(c, 0, row, p.length, Math.min(c.length, keep));
            if (keep == c.length + 1) row[row.length - 1] = tokenizer.eosId();
            rows[i] = row;
            promptLengths[i] = p.length;
            lengths[i] = row.length;
            width = Math.max(width, row.length);
        }
        int[][] tokens = new int[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, tokens[i], 0, rows[i].length);
            Arrays.fill(tokens[i], rows[i].length, width, tokenizer.padId());
        }
        return new TokenBatch(tokens, promptLengths, lengths);
    }
}
