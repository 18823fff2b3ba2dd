package org.r1j.grpo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.r1j.dsl.Rewarder;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.Parameters;
import org.r1j.model.TokenBatch;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;
import org.r1j.optim.LrSchedule;
import org.r1j.train.DataStream;
import org.r1j.train.StepEvaluation;
import org.r1j.train.StepFunction;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;
import org.r1j.train.TrainingLoop;
import org.r1j.train.record.RunRecorder;

/**
 * Group Relative Policy Optimization (DeepSeekMath, arXiv 2402.03300; as used for DeepSeek-R1), step by step as
 * TRL's {@code GRPOTrainer}: sample G completions per prompt with the policy → score each group with the reward
 * program → group-relative advantages → policy (and, when beta > 0, reference) log-probs → {@link GrpoLoss} →
 * backward → clip the gradient norm → AdamW. One step = one optimiser update; with num_iterations μ > 1 a
 * generation batch serves μ consecutive steps.
 *
 * <p>This class is GRPO's step math ({@link StepFunction}); the loop around it (schedule, clipping, NaN/Inf skips,
 * checkpoints, {@link #resume()}, {@link #requestStop()}, records, in-run evaluation) is {@link TrainingLoop}'s, the
 * one SFT uses too. A reward program that throws scores that group "unknown".
 *
 * <pre>{@code
 * GrpoTrainer t = new GrpoTrainer(model, tokenizer, rewardProgram, task.problems(TRAIN, 1000), task.template(), cfg);
 * t.addListener(ConsoleProgress.stdout());
 * GrpoTrainer.Result r = t.train();
 * }</pre>
 */
public final class GrpoTrainer implements StepFunction, AutoCloseable {
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
    private final Function<VerifiableProblem, String> template;
    private final GrpoConfig config;
    private final DataStream<VerifiableProblem> data;
    private final GrpoLoss loss;
    private final TrainingLoop loop;
    private final CausalLM ref;
    private RolloutSampler sampler;
    private List<String> stopStrings = List.of();

    private Rollout current;          // generation batch being used (by several updates when stepsPerRollout > 1)
    private int[] order;              // the order its rows are taken in by the updates
    private float[][] currentOld;     // pre-update log-probs when later updates need logp_old, else null
    private float[][] currentRef;     // reference log-probs, once per generation batch (beta > 0)
    private float[][] currentIsWeights; // sampler-correction weights from currentOld, or null
    private boolean collectOld;       // gather the pre-update log-probs from the step's own passes (one update per rollout)
    private Map<String, Double> samplingMetrics = Map.of();
    private Map<String, Double> generationMetrics = Map.of();
    // the step in flight, between gradients() and finish()
    private Timer time;
    private StepSums sums;

    /**
     * @param trainProblems the prompts' problems ({@code Problem} from a task or dataset), drawn in seeded epochs
     * @param template      renders a problem into the prompt text ({@code task.template()})
     */
    @SuppressWarnings("unchecked")
    public <P extends VerifiableProblem> GrpoTrainer(CausalLM policy, Tokenizer tokenizer, Rewarder rewarder, List<P> trainProblems,
                                                     Function<? super P, String> template, GrpoConfig config) {
        this.policy = policy;
        this.tokenizer = tokenizer;
        this.rewarder = rewarder;
        this.template = p -> template.apply((P) p);   // the data stream holds only the P given here
        this.config = config;
        this.data = new DataStream<>(List.copyOf(trainProblems), config.seed());
        this.loss = GrpoLoss.of(config);
        AdamW optimizer = new AdamW(policy.parameters(), policy.backend(), new AdamWConfig(config.learningRate(), config.adamBeta1(),
                config.adamBeta2(), config.adamEpsilon(), config.weightDecay()));
        this.ref = config.beta() > 0 ? policy.copy() : null;
        String metric = config.filterGroupsMetric();
        if (config.filterGroups() && !metric.equals("total") && !rewarder.rewardNames().contains(metric)) {
            throw new IllegalArgumentException("filter_groups_metric '" + metric + "' is neither 'total' nor a reward of the "
                    + "program (" + String.join(", ", rewarder.rewardNames()) + ")");
        }
        Generator generator = new Generator(policy, tokenizer);
        this.sampler = generator::generateTokens;
        LrSchedule schedule = LrSchedule.of(config.lrSchedulerType(), config.learningRate(), config.warmupSteps(),
                config.maxSteps(), config.minLrRate());
        this.loop = new TrainingLoop(new TrainingLoop.Settings(STAGE, config.maxSteps(), config.saveSteps(), config.stepsPerRollout(),
                config.maxGradNorm(), schedule, config.outputDir(), config.seed(), config.toMap()), policy, optimizer, ref, data, this);
    }

    public GrpoTrainer addListener(TrainingListener l) {
        loop.addListener(l);
        return this;
    }

    /** Replaces the default sampler (the policy through {@link Generator}). */
    public GrpoTrainer sampler(RolloutSampler s) {
        this.sampler = s;
        return this;
    }

    /** In-run evaluation (e.g. {@code PeriodicEvaluation}): its metrics join the rows of the steps it measures. */
    public GrpoTrainer evaluation(StepEvaluation e) {
        loop.evaluation(e);
        return this;
    }

    /** Generation also stops after these strings (e.g. {@code </answer>}), besides EOS. */
    public GrpoTrainer stopStrings(List<String> s) {
        this.stopStrings = List.copyOf(s);
        return this;
    }

    public GrpoConfig config() { return config; }
    public CausalLM policy() { return policy; }
    public int step() { return loop.step(); }
    public Optional<RunRecorder> recorder() { return loop.recorder(); }

    /** Asks the loop to stop after the generation round in flight (thread-safe; e.g. from a Ctrl-C handler). */
    public void requestStop() {
        loop.requestStop();
    }

    /**
     * Continues from the newest checkpoint in output_dir, if there is one.
     *
     * @return true when a checkpoint was loaded
     */
    public boolean resume() {
        boolean loaded = loop.resume();
        if (loaded) current = null;
        return loaded;
    }

    /** Runs until max_steps (or an interrupt). */
    /** Frees the optimiser's state and the reference model (the policy is the caller's). */
    @Override
    public void close() {
        loop.close();
        if (ref != null) ref.close();
    }

    public Result train() {
        TrainingLoop.Result r = loop.train();
        return new Result(r.lastStep(), r.interrupted(), r.skippedSteps());
    }

    /** One optimiser step (see {@link #gradients}); the loop clips, updates and records it. */
    public StepMetrics trainStep() {
        return loop.trainStep();
    }

    /**
     * The passes of optimiser step {@code stepIndex}: generating a new batch first when the previous one is used up,
     * then the step's share of it (1 / (steps_per_generation / gradient_accumulation_steps) of the rows) in
     * gradient_accumulation_steps micro-batches of per_device_train_batch_size completions, whose gradients are
     * summed before the update.
     */
    @Override
    public Gradients gradients(int stepIndex) {
        time = new Timer();
        int perRollout = config.stepsPerRollout();
        boolean fresh = stepIndex % perRollout == 0 || current == null;
        if (fresh) {
            current = generate(stepIndex, time);
            prepareRollout(stepIndex, time);
        }
        Rollout r = current;
        // this update's share of the rows, and its micro-batches: equal parts (exactly per_device_train_batch_size
        // each for a full batch; proportionally smaller when dynamic sampling kept fewer groups)
        int updates = config.updatesPerGeneration();
        int update = (stepIndex % perRollout) % updates;
        int first = update * r.size() / updates, last = (update + 1) * r.size() / updates;
        int parts = Math.min(config.gradientAccumulationSteps(), last - first);
        double stepTokens = 0;
        for (int k = first; k < last; k++) for (float m : r.mask()[order[k]]) stepTokens += m;
        sums = new StepSums();
        String skip = last == first ? "no completions left for this update (" + r.size() + " in the batch)" : null;
        float[][] preUpdate = currentOld == null && collectOld ? new float[r.size()][] : null;
        for (int k = 0; k < parts && skip == null; k++) {
            int[] rows = java.util.Arrays.copyOfRange(order, first + k * (last - first) / parts, first + (k + 1) * (last - first) / parts);
            skip = microStep(r, rows, stepTokens, parts, sums, preUpdate, time);
        }
        if (preUpdate != null && java.util.Arrays.stream(preUpdate).allMatch(java.util.Objects::nonNull)) {
            // one update per rollout: these were the pre-update log-probs
            samplingMetrics = SamplerCorrection.of(preUpdate, r.generations(), identity(r.size()), r.mask(),
                    config.vllmImportanceSamplingMode(), config.vllmImportanceSamplingClipMin(),
                    config.vllmImportanceSamplingClipMax()).metrics();
        }
        // an update left without rows is not a NaN skip
        return new Gradients(skip, last == first, stepIndex % perRollout == 0 ? tokens(r) : 0);
    }

    @Override
    public Row finish(Update u) {
        time.add("time/optimizer", u.optimizerSeconds());
        syncReference(u.step());
        return metrics(current, sums, u, time);
    }

    /** Forward, loss and backward of one micro-batch; returns why the step must be skipped, or null. */
    private String microStep(Rollout r, int[] rows, double stepTokens, int accumulation, StepSums sums,
                             float[][] preUpdate, Timer time) {
        TokenBatch batch = r.rows(rows);
        float[][] mask = pick(r.mask(), rows);
        double[] adv = new double[rows.length];
        for (int k = 0; k < rows.length; k++) adv[k] = r.advantages().advantages()[rows[k]];
        time.start();
        ForwardPass pass = policy.forward(batch, (float) config.temperature(), true);
        time.stop("time/logprobs");
        try (pass) {
            float[][] logp = pass.logprobs();
            float[][] entropies = pass.entropies();
            float[][] old = currentOld == null ? null : pick(currentOld, rows);
            if (preUpdate != null) for (int k = 0; k < rows.length; k++) preUpdate[rows[k]] = logp[k];
            float[][] isWeights = null;
            if (config.vllmImportanceSamplingCorrection()) {
                isWeights = currentIsWeights != null ? pick(currentIsWeights, rows)
                        : SamplerCorrection.of(logp, r.generations(), rows, mask, config.vllmImportanceSamplingMode(),
                                config.vllmImportanceSamplingClipMin(), config.vllmImportanceSamplingClipMax()).weights();
            }
            GrpoLoss.Result lr = loss.compute(new GrpoLoss.Batch(logp, old, currentRef == null ? null : pick(currentRef, rows),
                    adv, mask, entropies, isWeights, stepTokens, accumulation));
            sums.add(lr, entropies, mask);
            if (!Double.isFinite(lr.loss())) return "loss is " + lr.loss();
            time.start();
            if (lr.dEntropies() == null) pass.backward(lr.dLogprobs());
            else pass.backward(lr.dLogprobs(), lr.dEntropies());
            time.stop("time/backward");
        }
        return null;
    }

    /**
     * Once per generation batch: the row order the updates take it in (shuffled when it feeds several, as TRL
     * does), the reference model's log-probs (TRL computes them once per generation batch, not per step), and the
     * pre-update log-probs when later updates need them as logp_old or the sampler correction does.
     */
    private void prepareRollout(int stepIndex, Timer time) {
        Rollout r = current;
        order = identity(r.size());
        if (config.stepsPerGeneration() > 1) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(samplingSeed(stepIndex) ^ 0x5DEECE66DL);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
        }
        boolean sampler = SamplerCorrection.available(r.generations());
        if (config.vllmImportanceSamplingCorrection() && !sampler) {
            throw new IllegalStateException("vllm_importance_sampling_correction needs the sampler's log-prob of every token");
        }
        time.start();
        currentRef = ref == null ? null : logprobs(ref, r);
        boolean later = config.stepsPerRollout() > 1;
        currentOld = later || config.vllmImportanceSamplingCorrection() ? logprobs(policy, r) : null;
        time.stop("time/logprobs");
        collectOld = currentOld == null && sampler;
        currentIsWeights = null;
        samplingMetrics = java.util.Map.of();
        if (currentOld != null && sampler) {
            SamplerCorrection c = SamplerCorrection.of(currentOld, r.generations(), identity(r.size()), r.mask(),
                    config.vllmImportanceSamplingMode(), config.vllmImportanceSamplingClipMin(), config.vllmImportanceSamplingClipMax());
            currentIsWeights = c.weights();
            samplingMetrics = c.metrics();
        }
        // logp_old is only a separate tensor when the policy moves between updates on this batch
        if (!later) currentOld = null;
    }

    /** No-gradient log-probs of every rollout row, in micro-batches (the memory bound of a step). */
    private float[][] logprobs(CausalLM model, Rollout r) {
        float[][] out = new float[r.size()][];
        int micro = config.perDeviceTrainBatchSize();
        for (int from = 0; from < r.size(); from += micro) {
            int[] rows = new int[Math.min(micro, r.size() - from)];
            for (int k = 0; k < rows.length; k++) rows[k] = from + k;
            try (ForwardPass p = model.forward(r.rows(rows), (float) config.temperature(), false)) {
                float[][] lp = p.logprobs();
                for (int k = 0; k < rows.length; k++) out[from + k] = lp[k];
            }
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    private static float[][] pick(float[][] x, int[] rows) {
        float[][] out = new float[rows.length][];
        for (int k = 0; k < rows.length; k++) out[k] = x[rows[k]];
        return out;
    }

    /** The loss and its metrics summed over a step's micro-batches, weighted as TRL's global means are. */
    private static final class StepSums {
        double loss, tokens, kl, clipCount, low, high, region, entropy, entropyTokens;
        double lowMin = Double.NaN, highMax = Double.NaN;

        void add(GrpoLoss.Result r, float[][] entropies, float[][] mask) {
            loss += r.loss();
            tokens += r.tokens();
            kl += r.klMean() * r.tokens();
            double cd = Math.max(r.clipCount(), 0);
            clipCount += cd;
            low += r.lowClipMean() * Math.max(cd, 1) * (cd > 0 ? 1 : 0);
            high += r.highClipMean() * Math.max(cd, 1) * (cd > 0 ? 1 : 0);
            region += r.regionClipMean() * Math.max(cd, 1) * (cd > 0 ? 1 : 0);
            if (!Double.isNaN(r.lowClipMin())) lowMin = Double.isNaN(lowMin) ? r.lowClipMin() : Math.min(lowMin, r.lowClipMin());
            if (!Double.isNaN(r.highClipMax())) highMax = Double.isNaN(highMax) ? r.highClipMax() : Math.max(highMax, r.highClipMax());
            for (int i = 0; i < entropies.length; i++) {
                for (int j = 0; j < entropies[i].length; j++) {
                    entropy += entropies[i][j] * mask[i][j];
                    entropyTokens += mask[i][j];
                }
            }
        }

        double mean(double sum, double count) {
            return count == 0 ? 0 : sum / count;
        }
    }

    /** Generates a batch; with filter_groups (DAPO dynamic sampling) keeps drawing until enough groups carry signal. */
    private Rollout generate(int stepIndex, Timer time) {
        int want = config.promptsPerStep();
        java.util.List<Rollout.ScoredGroup> kept = new ArrayList<>();
        java.util.List<Rollout.ScoredGroup> lastBatch = List.of();
        int batches = 0, dropped = 0;
        while (true) {
            List<VerifiableProblem> problems = data.next(want);
            List<String> prompts = new ArrayList<>(problems.size());
            List<int[]> promptTokens = new ArrayList<>(problems.size());
            for (VerifiableProblem p : problems) {
                String text = template.apply(p);
                prompts.add(text);
                promptTokens.add(tokenizer.encode(text));
            }
            long seed = samplingSeed(stepIndex) + batches * 0x9E3779B97F4A7C15L;   // batch 0: the unfiltered seed
            SamplingParams params = new SamplingParams(config.temperature(), config.topP(), config.topK(),
                    config.maxCompletionLength(), stopStrings, seed, config.minP(), config.repetitionPenalty());
            time.start();
            List<List<Generation>> groups = sampler.sample(promptTokens, config.numGenerations(), params);
            time.stop("time/generate");
            time.start();
            lastBatch = Rollout.score(problems, prompts, groups, rewarder);
            time.stop("time/reward");
            batches++;
            if (!config.filterGroups()) {
                kept = lastBatch;
                break;
            }
            for (Rollout.ScoredGroup g : lastBatch) {
                if (kept.size() < want && g.informative(rewarder.rewardNames(), config.filterGroupsMetric())) kept.add(g);
                else if (kept.size() < want) dropped++;
            }
            if (kept.size() >= want || (config.maxNumGenBatches() > 0 && batches >= config.maxNumGenBatches())) break;
        }
        int informative = kept.size();
        if (kept.isEmpty()) kept = lastBatch;       // nothing informative within max_num_gen_batches: train on the last
        time.start();
        Rollout r = Rollout.assemble(kept, rewarder, config);
        time.stop("time/reward");
        generationMetrics = new LinkedHashMap<>();
        if (config.filterGroups()) {
            generationMetrics.put("dynamic_sampling/num_gen_batches", (double) batches);
            generationMetrics.put("dynamic_sampling/dropped_groups", (double) dropped);
            generationMetrics.put("dynamic_sampling/kept_groups", (double) informative);
        }
        for (String e : r.verifierErrors()) System.err.println("r1j grpo: step " + (stepIndex + 1) + ": " + e);
        return r;
    }

    private long samplingSeed(int stepIndex) {
        return config.seed() * 1_000_003L + stepIndex;
    }

    /** R1 resets the reference to the policy every 400 steps; TR-DPO-style mixing when alpha < 1. */
    private void syncReference(int step) {
        if (ref == null || config.refModelSyncSteps() == 0 || step % config.refModelSyncSteps() != 0) return;
        double alpha = config.refModelMixupAlpha();
        Parameters p = policy.parameters();
        Parameters q = ref.parameters();
        for (String n : p.names()) {
            q.backend().mix(q.weight(n), p.weight(n), alpha);
        }
    }

    private static long tokens(Rollout r) {
        long n = 0;
        for (int i = 0; i < r.size(); i++) n += r.batch().lengths()[i];
        return n;
    }

    private Row metrics(Rollout r, StepSums sums, Update u, Timer time) {
        int step = u.step();
        Map<String, Double> v = new LinkedHashMap<>();
        // TRL (2026): reward = nanmean over completions; reward_std = nanstd of all totals in the batch (TRL #5902)
        v.put("reward", Advantages.nanMean(r.totals(), 0, r.size()));
        v.put("reward_std", Advantages.nanStd(r.totals(), 0, r.size(), Advantages.nanMean(r.totals(), 0, r.size())));
        for (int k = 0; k < r.rewardNames().size(); k++) {
            double[] col = new double[r.size()];
            for (int i = 0; i < r.size(); i++) col[i] = r.perReward()[i][k];
            double mean = Advantages.nanMean(col, 0, col.length);
            v.put("rewards/" + r.rewardNames().get(k) + "/mean", mean);
            v.put("rewards/" + r.rewardNames().get(k) + "/std", Advantages.nanStd(col, 0, col.length, mean));
        }
        v.put("frac_reward_zero_std", r.advantages().fracZeroStd());
        v.put("kl", ref == null ? Double.NaN : sums.mean(sums.kl, sums.tokens));
        v.put("entropy", sums.entropyTokens == 0 ? Double.NaN : sums.entropy / sums.entropyTokens);
        if (config.lossType() == LossType.CISPO) {
            v.put("cispo_clip_ratio", sums.mean(sums.high, sums.clipCount));
        } else if (config.lossType().clipped()) {
            v.put("clip_ratio/low_mean", sums.mean(sums.low, sums.clipCount));
            v.put("clip_ratio/low_min", sums.lowMin);
            v.put("clip_ratio/high_mean", sums.mean(sums.high, sums.clipCount));
            v.put("clip_ratio/high_max", sums.highMax);
            v.put("clip_ratio/region_mean", sums.mean(sums.region, sums.clipCount));
        }
        int min = Integer.MAX_VALUE, max = 0, clipped = 0, tMin = Integer.MAX_VALUE, tMax = 0;
        long sum = 0, tSum = 0;
        for (Generation g : r.generations()) {
            int len = g.tokens().length;
            min = Math.min(min, len);
            max = Math.max(max, len);
            sum += len;
            // r1j: truncated = stopped by the length limit. TRL: last token not EOS/pad, so a stop-string finish
            // counts as truncated there; r1j's sampler knows why it stopped and says so.
            if (g.finishReason() == org.r1j.model.sample.FinishReason.LENGTH) {
                clipped++;
            } else {
                tMin = Math.min(tMin, len);
                tMax = Math.max(tMax, len);
                tSum += len;
            }
        }
        int terminated = r.size() - clipped;
        v.put("completions/mean_length", (double) sum / r.size());
        v.put("completions/min_length", (double) min);
        v.put("completions/max_length", (double) max);
        v.put("completions/clipped_ratio", (double) clipped / r.size());
        // TRL: 0 when no completion terminated
        v.put("completions/mean_terminated_length", terminated == 0 ? 0 : (double) tSum / terminated);
        v.put("completions/min_terminated_length", terminated == 0 ? 0 : (double) tMin);
        v.put("completions/max_terminated_length", terminated == 0 ? 0 : (double) tMax);
        for (String k : SAMPLING_KEYS) v.put(k, samplingMetrics.getOrDefault(k, Double.NaN));
        v.putAll(generationMetrics);
        v.put("num_tokens", (double) u.numTokens());
        v.put("learning_rate", u.learningRate());
        v.put("grad_norm", u.gradNorm());
        v.put("loss", sums.loss);
        for (String k : Timer.KEYS) v.put(k, time.seconds(k));
        v.put("step_time", time.total());
        List<StepMetrics.CompletionRecord> samples = new ArrayList<>();
        boolean logNow = config.logCompletionsSteps() > 0 && step % config.logCompletionsSteps() == 0;
        for (int i = 0; logNow && i < Math.min(config.numCompletionsToLog(), r.size()); i++) {
            // spread over prompts: completion 0 of prompt 0, completion 1 of prompt 1, …
            int idx = (i % r.problems().size()) * config.numGenerations() + (i / r.problems().size()) % config.numGenerations();
            samples.add(new StepMetrics.CompletionRecord(step, r.prompts().get(idx / config.numGenerations()),
                    r.generations().get(idx).text(), r.rewardsOf(idx), r.advantages().advantages()[idx]));
        }
        String note = u.skip() == null ? (r.verifierErrors().isEmpty() ? "" : r.verifierErrors().size() + " reward failure(s)") : u.skip();
        return new Row(v, samples, note);
    }

    /** The sampler/trainer mismatch metrics, NaN when the sampler reports no log-probs. */
    private static final List<String> SAMPLING_KEYS = List.of("sampling/sampling_logp_difference/mean",
            "sampling/sampling_logp_difference/max", "sampling/importance_sampling_ratio/min",
            "sampling/importance_sampling_ratio/mean", "sampling/importance_sampling_ratio/max");
}
