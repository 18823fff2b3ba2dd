package org.r1j.grpo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.r1j.dsl.Rewarder;
import org.r1j.grpo.checkpoint.TrainerState;
import org.r1j.grpo.checkpoint.TrainingCheckpoint;
import org.r1j.grpo.record.RunRecorder;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.Parameters;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;
import org.r1j.optim.GradClip;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.train.StepEvaluation;

/**
 * Group Relative Policy Optimization (DeepSeekMath, arXiv 2402.03300; as used for DeepSeek-R1), step by step as
 * TRL's {@code GRPOTrainer}: sample G completions per prompt with the policy → score each group with the reward
 * program → group-relative advantages → policy (and, when beta > 0, reference) log-probs → {@link GrpoLoss} →
 * backward → clip the gradient norm → AdamW. One step = one optimiser update; with num_iterations μ > 1 a
 * generation batch serves μ consecutive steps.
 *
 * <p>Robustness: a step whose loss or gradient norm is NaN/Inf is skipped (weights and optimiser untouched) and
 * recorded; a reward program that throws scores that group "unknown"; an interrupt of the training thread or
 * {@link #requestStop()} stops after the step in flight and writes a checkpoint that {@link #resume()} continues.
 *
 * <pre>{@code
 * GrpoTrainer t = new GrpoTrainer(model, tokenizer, rewardProgram, task.problems(TRAIN, 1000), task.template(), cfg);
 * t.addListener(ConsoleProgress.stdout());
 * GrpoTrainer.Result r = t.train();
 * }</pre>
 */
public final class GrpoTrainer {
    public static final String STAGE = "grpo";

    /**
     * @param lastStep    steps completed
     * @param interrupted stopped early (a resumable checkpoint was written when the run has an output_dir)
     * @param skippedSteps steps whose update was skipped for NaN/Inf
     */
    public record Result(int lastStep, boolean interrupted, int skippedSteps) {}

    private final CausalLM policy;
    private final Tokenizer tokenizer;
    private final Rewarder rewarder;
    private final PromptTemplate template;
    private final GrpoConfig config;
    private final DataStream<Problem> data;
    private final GrpoLoss loss;
    private final AdamW optimizer;
    private final Listeners listeners = new Listeners();
    private CausalLM ref;
    private RolloutSampler sampler;
    private List<String> stopStrings = List.of();
    private RunRecorder recorder;
    private StepEvaluation evaluation = StepEvaluation.NONE;

    private int step;                 // optimiser steps completed
    private long numTokens;           // prompt + completion tokens seen (TRL's num_tokens)
    private int skipped;
    private Rollout current;          // generation batch being reused when num_iterations > 1
    private float[][] currentOldLogp;
    private volatile boolean stopRequested;

    public GrpoTrainer(CausalLM policy, Tokenizer tokenizer, Rewarder rewarder, List<Problem> trainProblems,
                       PromptTemplate template, GrpoConfig config) {
        this.policy = policy;
        this.tokenizer = tokenizer;
        this.rewarder = rewarder;
        this.template = template;
        this.config = config;
        this.data = new DataStream<>(trainProblems, config.seed());
        this.loss = GrpoLoss.of(config);
        this.optimizer = new AdamW(policy.parameters(), policy.backend(), new AdamWConfig(config.learningRate(), config.adamBeta1(),
                config.adamBeta2(), config.adamEpsilon(), config.weightDecay()));
        this.ref = config.beta() > 0 ? policy.copy() : null;
        Generator generator = new Generator(policy, tokenizer);
        this.sampler = generator::generateTokens;
        if (config.outputDir() != null) {
            recorder = new RunRecorder(config.outputDir(), "r1j GRPO run " + config.outputDir().getFileName());
            listeners.add(recorder);
        }
    }

    public GrpoTrainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** Replaces the default sampler (the policy through {@link Generator}). */
    public GrpoTrainer sampler(RolloutSampler s) {
        this.sampler = s;
        return this;
    }

    /** In-run evaluation (e.g. {@code PeriodicEvaluation}): its metrics join the rows of the steps it measures. */
    public GrpoTrainer evaluation(StepEvaluation e) {
        this.evaluation = e;
        return this;
    }

    /** Generation also stops after these strings (e.g. {@code </answer>}), besides EOS. */
    public GrpoTrainer stopStrings(List<String> s) {
        this.stopStrings = List.copyOf(s);
        return this;
    }

    public GrpoConfig config() { return config; }
    public CausalLM policy() { return policy; }
    public int step() { return step; }
    public Optional<RunRecorder> recorder() { return Optional.ofNullable(recorder); }

    /** Asks the loop to stop after the step in flight (thread-safe; e.g. from a Ctrl-C handler). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Continues from the newest checkpoint in output_dir, if there is one.
     *
     * @return true when a checkpoint was loaded
     */
    public boolean resume() {
        if (config.outputDir() == null) throw new IllegalStateException("resume needs an output_dir");
        Optional<Path> cp = TrainingCheckpoint.latest(config.outputDir());
        if (cp.isEmpty()) return false;
        TrainerState s = TrainingCheckpoint.load(cp.get(), policy, optimizer, ref);
        if (!STAGE.equals(s.stage())) throw new IllegalStateException(cp.get() + " is a " + s.stage() + " checkpoint, not GRPO");
        step = s.step();
        numTokens = s.numTokens();
        data.seek(s.epoch(), s.index());
        current = null;
        return true;
    }

    /** Runs until max_steps (or an interrupt). */
    public Result train() {
        listeners.onStart(STAGE, step + 1, config.maxSteps());
        if (step == 0) {
            Map<String, Double> atStart = evaluation.after(0, config.maxSteps());
            if (!atStart.isEmpty()) listeners.onStep(new StepMetrics(STAGE, 0, config.maxSteps(), atStart, List.of(), false, "eval on start"));
        }
        boolean interrupted = false;
        while (step < config.maxSteps()) {
            if (stopNow()) {
                interrupted = true;
                break;
            }
            trainStep();
            boolean roundDone = step % config.numIterations() == 0;
            if (roundDone && config.saveSteps() > 0 && step % config.saveSteps() == 0 && step < config.maxSteps()) checkpoint();
        }
        if (interrupted || step >= config.maxSteps()) checkpoint();
        evaluation.finish(interrupted);
        listeners.onEnd(step, interrupted);
        if (interrupted) Thread.currentThread().interrupt(); // let the caller see it too
        return new Result(step, interrupted, skipped);
    }

    /** Stops only between generation rounds: a half-used round (μ > 1) is not in any checkpoint. */
    private boolean stopNow() {
        boolean asked = stopRequested || Thread.interrupted();
        if (asked) stopRequested = true;
        return stopRequested && step % config.numIterations() == 0;
    }

    /** Writes a resumable checkpoint into the run directory; a run without one (records off) keeps none. */
    private void checkpoint() {
        if (config.outputDir() == null) return;
        TrainerState state = new TrainerState(STAGE, step, data.epoch(), data.index(), numTokens, config.seed(), config.toMap());
        Path dir = TrainingCheckpoint.save(config.outputDir(), state, policy, optimizer, ref);
        listeners.onCheckpoint(step, dir);
    }

    /** One optimiser step (generating a new batch first when the previous one is used up). */
    public StepMetrics trainStep() {
        Timer time = new Timer();
        int stepIndex = step;                          // 0-based index of this update
        if (stepIndex % config.numIterations() == 0 || current == null) {
            current = generate(stepIndex, time);
            currentOldLogp = null;
            if (config.numIterations() > 1) {
                time.start();
                try (ForwardPass old = policy.forward(current.batch(), (float) config.temperature(), false)) {
                    currentOldLogp = old.logprobs();
                }
                time.stop("time/logprobs");
            }
        }
        Rollout r = current;
        time.start();
        float[][] refLogp = null;
        if (ref != null) {
            try (ForwardPass rp = ref.forward(r.batch(), (float) config.temperature(), false)) {
                refLogp = rp.logprobs();
            }
        }
        ForwardPass pass = policy.forward(r.batch(), (float) config.temperature(), true);
        time.stop("time/logprobs");
        GrpoLoss.Result lr;
        float[][] entropies;
        String skip = null;
        double gradNorm = Double.NaN;
        double rate = learningRate(stepIndex);
        try (pass) {
            entropies = pass.entropies();
            lr = loss.compute(pass.logprobs(), currentOldLogp, refLogp, r.advantages().advantages(), r.mask(), r.activeTokens());
            if (!Double.isFinite(lr.loss())) {
                skip = "loss is " + lr.loss();
            } else {
                time.start();
                pass.backward(lr.dLogprobs());
                time.stop("time/backward");
            }
        }
        time.start();
        if (skip == null) {
            gradNorm = config.maxGradNorm() > 0 ? GradClip.clip(policy.parameters(), policy.backend(), config.maxGradNorm())
                    : GradClip.globalNorm(policy.parameters(), policy.backend());
            if (!Double.isFinite(gradNorm)) skip = "gradient norm is " + gradNorm;
            else optimizer.step(rate);
        }
        policy.zeroGrad();
        time.stop("time/optimizer");
        step++;
        if (skip != null) skipped++;
        syncReference();
        if (stepIndex % config.numIterations() == 0) numTokens += tokens(r);
        Map<String, Double> evalMetrics = evaluation.after(step, config.maxSteps());
        StepMetrics m = metrics(r, lr, entropies, gradNorm, rate, time, skip, evalMetrics);
        listeners.onStep(m);
        return m;
    }

    private Rollout generate(int stepIndex, Timer time) {
        List<Problem> problems = data.next(config.promptsPerStep());
        List<String> prompts = new ArrayList<>(problems.size());
        List<int[]> promptTokens = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            String text = template.render(p);
            prompts.add(text);
            promptTokens.add(tokenizer.encode(text));
        }
        SamplingParams params = new SamplingParams(config.temperature(), config.topP(), config.topK(),
                config.maxCompletionLength(), stopStrings, samplingSeed(stepIndex));
        time.start();
        List<List<Generation>> groups = sampler.sample(promptTokens, config.numGenerations(), params);
        time.stop("time/generate");
        time.start();
        Rollout r = Rollout.of(problems, prompts, groups, rewarder, config);
        time.stop("time/reward");
        for (String e : r.verifierErrors()) System.err.println("r1j grpo: step " + (stepIndex + 1) + ": " + e);
        return r;
    }

    private long samplingSeed(int stepIndex) {
        return config.seed() * 1_000_003L + stepIndex;
    }

    double learningRate(int stepIndex) {
        double peak = config.learningRate();
        int warm = config.warmupSteps();
        if (stepIndex < warm) return peak * (stepIndex + 1) / warm;
        if (config.lrSchedulerType().equals("cosine")) {
            double progress = (double) (stepIndex - warm) / Math.max(1, config.maxSteps() - warm);
            return 0.5 * peak * (1 + Math.cos(Math.PI * Math.min(1, progress)));
        }
        return peak;
    }

    /** R1 resets the reference to the policy every 400 steps; TR-DPO-style mixing when alpha < 1. */
    private void syncReference() {
        if (ref == null || config.refModelSyncSteps() == 0 || step % config.refModelSyncSteps() != 0) return;
        double alpha = config.refModelMixupAlpha();
        Parameters p = policy.parameters();
        Parameters q = ref.parameters();
        for (String n : p.names()) {
            q.weight(n).muli(1 - alpha).addi(p.weight(n).mul(alpha));
        }
    }

    private static long tokens(Rollout r) {
        long n = 0;
        for (int i = 0; i < r.size(); i++) n += r.batch().lengths()[i];
        return n;
    }

    private StepMetrics metrics(Rollout r, GrpoLoss.Result lr, float[][] entropies, double gradNorm, double rate,
                                Timer time, String skip, Map<String, Double> evalMetrics) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("reward", nanMean(r.advantages().groupMeans()));
        v.put("reward_std", r.advantages().meanGroupStd());
        for (int k = 0; k < r.rewardNames().size(); k++) {
            double[] col = new double[r.size()];
            for (int i = 0; i < r.size(); i++) col[i] = r.perReward()[i][k];
            double mean = Advantages.nanMean(col, 0, col.length);
            v.put("rewards/" + r.rewardNames().get(k) + "/mean", mean);
            v.put("rewards/" + r.rewardNames().get(k) + "/std", Advantages.nanStd(col, 0, col.length, mean));
        }
        v.put("frac_reward_zero_std", r.advantages().fracZeroStd());
        v.put("kl", ref == null ? Double.NaN : lr.klMean());
        v.put("entropy", maskedMean(entropies, r.mask()));
        v.put("clip_ratio/low_mean", lr.lowClipMean());
        v.put("clip_ratio/high_mean", lr.highClipMean());
        v.put("clip_ratio/region_mean", lr.regionClipMean());
        int min = Integer.MAX_VALUE, max = 0, clipped = 0;
        long sum = 0;
        for (Generation g : r.generations()) {
            int len = g.tokens().length;
            min = Math.min(min, len);
            max = Math.max(max, len);
            sum += len;
            if (g.finishReason() == org.r1j.model.sample.FinishReason.LENGTH) clipped++;
        }
        v.put("completions/mean_length", (double) sum / r.size());
        v.put("completions/min_length", (double) min);
        v.put("completions/max_length", (double) max);
        v.put("completions/clipped_ratio", (double) clipped / r.size());
        v.put("num_tokens", (double) numTokens);
        v.put("learning_rate", rate);
        v.put("grad_norm", gradNorm);
        v.put("loss", lr.loss());
        for (String k : Timer.KEYS) v.put(k, time.seconds(k));
        v.put("step_time", time.total());
        v.putAll(evalMetrics);
        List<StepMetrics.CompletionRecord> samples = new ArrayList<>();
        boolean logNow = config.logCompletionsSteps() > 0 && step % config.logCompletionsSteps() == 0;
        for (int i = 0; logNow && i < Math.min(config.numCompletionsToLog(), r.size()); i++) {
            // spread over prompts: completion 0 of prompt 0, completion 1 of prompt 1, …
            int idx = (i % r.problems().size()) * config.numGenerations() + (i / r.problems().size()) % config.numGenerations();
            samples.add(new StepMetrics.CompletionRecord(step, r.prompts().get(idx / config.numGenerations()),
                    r.generations().get(idx).text(), r.rewardsOf(idx), r.advantages().advantages()[idx]));
        }
        String note = skip == null ? (r.verifierErrors().isEmpty() ? "" : r.verifierErrors().size() + " reward failure(s)") : skip;
        return new StepMetrics(STAGE, step, config.maxSteps(), v, samples, skip != null, note);
    }

    private static double nanMean(double[] x) {
        return Advantages.nanMean(x, 0, x.length);
    }

    private static double maskedMean(float[][] x, float[][] mask) {
        double s = 0, m = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                s += x[i][j] * mask[i][j];
                m += mask[i][j];
            }
        }
        return m == 0 ? Double.NaN : s / m;
    }
}
