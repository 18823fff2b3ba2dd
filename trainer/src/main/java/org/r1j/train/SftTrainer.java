package org.r1j.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;
import org.r1j.optim.LrSchedule;
import org.r1j.train.record.RunRecorder;

/**
 * Supervised fine-tuning on (prompt, completion) pairs — R1's cold start and distillation. Loss = mean negative
 * log-likelihood of the completion tokens and the EOS after them (prompt tokens are context only), through the
 * same {@link CausalLM#forward} / {@link ForwardPass#backward} path GRPO uses: dL/dlogp = -1/N per token.
 * The loop around the step (schedule, clipping, NaN/Inf skips, checkpoints, resume, stop, records) is
 * {@link TrainingLoop}'s.
 */
public final class SftTrainer implements StepFunction, AutoCloseable {
    public static final String STAGE = "sft";

    /** @param lastStep steps done; @param finalLoss mean loss of the last 10 steps; @param skippedSteps NaN/Inf steps */
    public record Result(int lastStep, boolean interrupted, double finalLoss, int skippedSteps) {}

    private final CausalLM model;
    private final Tokenizer tokenizer;
    private final SftConfig config;
    private final DataStream<SupervisedExample> data;
    private final TrainingLoop loop;
    private final double[] recentLoss = new double[10];
    // the step in flight, between gradients() and finish()
    private double loss;
    private long t0, t1, t2;

    public SftTrainer(CausalLM model, Tokenizer tokenizer, List<? extends SupervisedExample> examples, SftConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = config;
        this.data = new DataStream<>(List.copyOf(examples), config.seed());
        AdamW optimizer = new AdamW(model.parameters(), model.backend(), new AdamWConfig(config.learningRate(), 0.9, 0.999, 1e-8, config.weightDecay()));
        LrSchedule schedule = LrSchedule.of(config.lrSchedulerType(), config.learningRate(), config.warmupSteps(), config.maxSteps(), 0);
        this.loop = new TrainingLoop(new TrainingLoop.Settings(STAGE, config.maxSteps(), config.saveSteps(), 1, config.maxGradNorm(),
                schedule, config.outputDir(), config.seed(), config.toMap()), model, optimizer, null, data, this);
        Arrays.fill(recentLoss, Double.NaN);
    }

    public SftTrainer addListener(TrainingListener l) {
        loop.addListener(l);
        return this;
    }

    /** In-run evaluation (e.g. {@code PeriodicEvaluation}): its metrics join the rows of the steps it measures. */
    public SftTrainer evaluation(StepEvaluation e) {
        loop.evaluation(e);
        return this;
    }

    public void requestStop() { loop.requestStop(); }
    public int step() { return loop.step(); }
    public CausalLM model() { return model; }
    public Optional<RunRecorder> recorder() { return loop.recorder(); }

    /** Continues from the newest checkpoint in output_dir; false when there is none. */
    public boolean resume() {
        return loop.resume();
    }

    /** Frees the optimiser's state in the model's backend (the model itself is the caller's). */
    @Override
    public void close() {
        loop.close();
    }

    public Result train() {
        TrainingLoop.Result r = loop.train();
        double sum = 0;
        int n = 0;
        for (double l : recentLoss) if (!Double.isNaN(l)) { sum += l; n++; }
        return new Result(r.lastStep(), r.interrupted(), n == 0 ? Double.NaN : sum / n, r.skippedSteps());
    }

    /** One optimiser step on the next batch. */
    public StepMetrics trainStep() {
        return loop.trainStep();
    }

    @Override
    public Gradients gradients(int index) {
        t0 = System.nanoTime();
        TokenBatch batch = batch(data.next(config.batchSize()));
        int tokens = 0;
        for (int b = 0; b < batch.batchSize(); b++) tokens += batch.completionLength(b);
        String skip = null;
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
        return new Gradients(skip, false, Arrays.stream(batch.lengths()).sum());
    }

    @Override
    public Row finish(Update u) {
        if (u.skip() == null) recentLoss[u.step() % recentLoss.length] = loss;
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("loss", loss);
        v.put("grad_norm", u.gradNorm());
        v.put("learning_rate", u.learningRate());
        v.put("num_tokens", (double) u.numTokens());
        v.put("epoch", data.epoch() + (double) data.index() / data.size());
        v.put("time/logprobs", (t1 - t0) / 1e9);
        v.put("time/backward", (t2 - t1) / 1e9);
        v.put("time/optimizer", u.optimizerSeconds());
        v.put("step_time", (t2 - t0) / 1e9 + u.optimizerSeconds());
        return new Row(v, List.of(), u.skip());
    }

    /** prompt + completion + EOS, right-padded; completions cut to max_length. */
    TokenBatch batch(List<SupervisedExample> examples) {
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
