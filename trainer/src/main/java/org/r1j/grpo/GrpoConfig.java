package org.r1j.grpo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GRPO hyper-parameters, with TRL's {@code GRPOConfig} names (camelCase here, snake_case in YAML via
 * {@link #fromMap}) and TRL's defaults unless stated. Build with {@link #builder()}.
 *
 * @param numGenerations   G, completions sampled per prompt (TRL 8; R1 16; DeepSeekMath 64). Advantages are relative
 *                         within these G.
 * @param promptsPerStep   prompts per optimiser step; the generation batch is promptsPerStep·G completions
 *                         (TRL derives it from per_device_train_batch_size / num_generations; R1: 32 prompts).
 * @param beta             weight of the k3 KL penalty to the reference model (TRL 0.0: no reference pass at all;
 *                         R1 0.001; DeepSeekMath 0.04).
 * @param epsilon          lower clip range: rho is clipped at 1-epsilon (PPO, Schulman et al. 2017; TRL 0.2).
 * @param epsilonHigh      upper clip range 1+epsilon_high; DAPO's "clip-higher" uses 0.28 (arXiv 2503.14476).
 *                         Defaults to epsilon, as in TRL.
 * @param lossType         how per-token losses are aggregated, see {@link LossType} (TRL default dapo).
 * @param scaleRewards     advantage scaling, see {@link ScaleRewards} (TRL default group).
 * @param numIterations    μ: optimiser steps per generation batch (DeepSeekMath's μ, TRL 1). With μ > 1 importance
 *                         ratios against the sampling policy and clipping take effect.
 * @param temperature      sampling temperature; log-probs in the loss use logits/temperature too (TRL 1.0; R1 1.0).
 * @param topP             nucleus sampling mass (TRL 1.0 = off).
 * @param topK             top-k sampling, 0 = off (TRL None).
 * @param maxCompletionLength max tokens per completion; also L in dr_grpo's normaliser (TRL 256).
 * @param maskTruncatedCompletions leave completions cut at the length limit out of the loss (DAPO's overlong
 *                         filtering; TRL false).
 * @param learningRate     peak AdamW learning rate (TRL 1e-6; R1 3e-6). Tiny models from scratch need far more.
 * @param warmupSteps      linear warm-up steps from 0 to learning_rate (TRL warmup_steps 0).
 * @param lrSchedulerType  "constant" or "cosine" decay to 0 at max_steps after warm-up (TRL's default is linear).
 * @param weightDecay      AdamW decoupled weight decay (Loshchilov and Hutter 2019; TRL 0.0).
 * @param adamBeta1        AdamW beta1 (0.9).
 * @param adamBeta2        AdamW beta2 (0.999).
 * @param adamEpsilon      AdamW epsilon (1e-8).
 * @param maxGradNorm      global gradient-norm clip before the update (TRL 1.0); 0 = off.
 * @param refModelSyncSteps reset the reference model to the policy every N steps; 0 = never (TRL's
 *                         sync_ref_model=false). R1 resets every 400 steps (Nature Methods). Only used when beta > 0.
 * @param refModelMixupAlpha on a sync, ref = alpha·policy + (1-alpha)·ref (TR-DPO; TRL 0.6). 1.0 is R1's hard reset,
 *                         our default.
 * @param maxSteps         optimiser steps to run.
 * @param seed             seeds sampling, the prompt order and anything random (TRL 42).
 * @param saveSteps        write a resumable checkpoint every N steps (default 1: a SIGKILL loses at most the step in
 *                         flight; raise it for large models, where a checkpoint costs more than a step); 0 = only at
 *                         the end and on interrupt.
 * @param logCompletionsSteps record sampled completions in the completions table every N steps; 0 = never.
 * @param numCompletionsToLog completions per logging step kept in that table.
 * @param outputDir        run directory ({@code runs/<name>}) for metrics.csv, report.html and checkpoints; null =
 *                         write nothing.
 */
public record GrpoConfig(int numGenerations, int promptsPerStep, double beta, double epsilon, double epsilonHigh,
                         LossType lossType, ScaleRewards scaleRewards, int numIterations, double temperature,
                         double topP, int topK, int maxCompletionLength, boolean maskTruncatedCompletions,
                         double learningRate, int warmupSteps, String lrSchedulerType, double weightDecay,
                         double adamBeta1, double adamBeta2, double adamEpsilon, double maxGradNorm,
                         int refModelSyncSteps, double refModelMixupAlpha, int maxSteps, long seed, int saveSteps,
                         int logCompletionsSteps, int numCompletionsToLog, Path outputDir) {

    public GrpoConfig {
        require(numGenerations >= 2, "num_generations must be >= 2 (advantages are relative within a group), got " + numGenerations);
        require(promptsPerStep >= 1, "prompts_per_step must be >= 1, got " + promptsPerStep);
        require(beta >= 0, "beta must be >= 0, got " + beta);
        require(epsilon >= 0 && epsilon < 1, "epsilon must be in [0, 1), got " + epsilon);
        require(epsilonHigh >= 0, "epsilon_high must be >= 0, got " + epsilonHigh);
        require(numIterations >= 1, "num_iterations must be >= 1, got " + numIterations);
        require(temperature > 0, "temperature must be > 0 for GRPO (log-probs use logits / temperature), got " + temperature);
        require(topP > 0 && topP <= 1, "top_p must be in (0, 1], got " + topP);
        require(topK >= 0, "top_k must be >= 0, got " + topK);
        require(maxCompletionLength >= 1, "max_completion_length must be >= 1, got " + maxCompletionLength);
        require(learningRate >= 0, "learning_rate must be >= 0, got " + learningRate);
        require(warmupSteps >= 0, "warmup_steps must be >= 0, got " + warmupSteps);
        require(lrSchedulerType.equals("constant") || lrSchedulerType.equals("cosine"),
                "lr_scheduler_type must be constant or cosine, got '" + lrSchedulerType + "'");
        require(weightDecay >= 0, "weight_decay must be >= 0, got " + weightDecay);
        require(maxGradNorm >= 0, "max_grad_norm must be >= 0, got " + maxGradNorm);
        require(refModelSyncSteps >= 0, "ref_model_sync_steps must be >= 0, got " + refModelSyncSteps);
        require(refModelMixupAlpha > 0 && refModelMixupAlpha <= 1, "ref_model_mixup_alpha must be in (0, 1], got " + refModelMixupAlpha);
        require(maxSteps >= 1, "max_steps must be >= 1, got " + maxSteps);
        require(saveSteps >= 0 && logCompletionsSteps >= 0 && numCompletionsToLog >= 0,
                "save_steps, log_completions_steps and num_completions_to_log must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.numGenerations = numGenerations; b.promptsPerStep = promptsPerStep; b.beta = beta; b.epsilon = epsilon;
        b.epsilonHigh = epsilonHigh; b.lossType = lossType; b.scaleRewards = scaleRewards; b.numIterations = numIterations;
        b.temperature = temperature; b.topP = topP; b.topK = topK; b.maxCompletionLength = maxCompletionLength;
        b.maskTruncatedCompletions = maskTruncatedCompletions; b.learningRate = learningRate; b.warmupSteps = warmupSteps;
        b.lrSchedulerType = lrSchedulerType; b.weightDecay = weightDecay; b.adamBeta1 = adamBeta1; b.adamBeta2 = adamBeta2;
        b.adamEpsilon = adamEpsilon; b.maxGradNorm = maxGradNorm; b.refModelSyncSteps = refModelSyncSteps;
        b.refModelMixupAlpha = refModelMixupAlpha; b.maxSteps = maxSteps; b.seed = seed; b.saveSteps = saveSteps;
        b.logCompletionsSteps = logCompletionsSteps; b.numCompletionsToLog = numCompletionsToLog; b.outputDir = outputDir;
        return b;
    }

    /** Generation batch size in completions. */
    public int completionsPerStep() {
        return promptsPerStep * numGenerations;
    }

    /**
     * Builds a config from snake_case keys (YAML), e.g. {@code {num_generations: 8, loss_type: dapo}}. Unknown keys
     * are an error naming the key and listing the known ones.
     */
    public static GrpoConfig fromMap(Map<String, ?> values) {
        Builder b = builder();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            b.set(e.getKey(), e.getValue());
        }
        return b.build();
    }

    /** The config as snake_case key → value, the inverse of {@link #fromMap}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_generations", numGenerations); m.put("prompts_per_step", promptsPerStep); m.put("beta", beta);
        m.put("epsilon", epsilon); m.put("epsilon_high", epsilonHigh); m.put("loss_type", lossType.trlName());
        m.put("scale_rewards", scaleRewards.trlName()); m.put("num_iterations", numIterations);
        m.put("temperature", temperature); m.put("top_p", topP); m.put("top_k", topK);
        m.put("max_completion_length", maxCompletionLength); m.put("mask_truncated_completions", maskTruncatedCompletions);
        m.put("learning_rate", learningRate); m.put("warmup_steps", warmupSteps); m.put("lr_scheduler_type", lrSchedulerType);
        m.put("weight_decay", weightDecay); m.put("adam_beta1", adamBeta1); m.put("adam_beta2", adamBeta2);
        m.put("adam_epsilon", adamEpsilon); m.put("max_grad_norm", maxGradNorm);
        m.put("ref_model_sync_steps", refModelSyncSteps); m.put("ref_model_mixup_alpha", refModelMixupAlpha);
        m.put("max_steps", maxSteps); m.put("seed", seed); m.put("save_steps", saveSteps);
        m.put("log_completions_steps", logCompletionsSteps); m.put("num_completions_to_log", numCompletionsToLog);
        if (outputDir != null) m.put("output_dir", outputDir.toString());
        return m;
    }

    /** Mutable builder; setter names are the config's field names. */
    public static final class Builder {
        private int numGenerations = 8;
        private int promptsPerStep = 4;
        private double beta = 0.0;
        private double epsilon = 0.2;
        private Double epsilonHigh;             // null: same as epsilon
        private LossType lossType = LossType.DAPO;
        private ScaleRewards scaleRewards = ScaleRewards.GROUP;
        private int numIterations = 1;
        private double temperature = 1.0;
        private double topP = 1.0;
        private int topK = 0;
        private int maxCompletionLength = 256;
        private boolean maskTruncatedCompletions = false;
        private double learningRate = 1e-6;
        private int warmupSteps = 0;
        private String lrSchedulerType = "constant";
        private double weightDecay = 0.0;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double adamEpsilon = 1e-8;
        private double maxGradNorm = 1.0;
        private int refModelSyncSteps = 0;
        private double refModelMixupAlpha = 1.0;
        private int maxSteps = 100;
        private long seed = 42;
        private int saveSteps = 1;
        private int logCompletionsSteps = 1;
        private int numCompletionsToLog = 4;
        private Path outputDir;

        public Builder numGenerations(int v) { numGenerations = v; return this; }
        public Builder promptsPerStep(int v) { promptsPerStep = v; return this; }
        public Builder beta(double v) { beta = v; return this; }
        public Builder epsilon(double v) { epsilon = v; return this; }
        public Builder epsilonHigh(double v) { epsilonHigh = v; return this; }
        public Builder lossType(LossType v) { lossType = v; return this; }
        public Builder scaleRewards(ScaleRewards v) { scaleRewards = v; return this; }
        public Builder numIterations(int v) { numIterations = v; return this; }
        public Builder temperature(double v) { temperature = v; return this; }
        public Builder topP(double v) { topP = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder maxCompletionLength(int v) { maxCompletionLength = v; return this; }
        public Builder maskTruncatedCompletions(boolean v) { maskTruncatedCompletions = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder lrSchedulerType(String v) { lrSchedulerType = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder adamBeta1(double v) { adamBeta1 = v; return this; }
        public Builder adamBeta2(double v) { adamBeta2 = v; return this; }
        public Builder adamEpsilon(double v) { adamEpsilon = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder refModelSyncSteps(int v) { refModelSyncSteps = v; return this; }
        public Builder refModelMixupAlpha(double v) { refModelMixupAlpha = v; return this; }
        public Builder maxSteps(int v) { maxSteps = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder saveSteps(int v) { saveSteps = v; return this; }
        public Builder logCompletionsSteps(int v) { logCompletionsSteps = v; return this; }
        public Builder numCompletionsToLog(int v) { numCompletionsToLog = v; return this; }
        public Builder outputDir(Path v) { outputDir = v; return this; }

        /** Sets one field from its snake_case name and a YAML-ish value (number, boolean or string). */
        public Builder set(String key, Object value) {
            try {
                switch (key) {
                    case "num_generations" -> numGenerations(asInt(value));
                    case "prompts_per_step" -> promptsPerStep(asInt(value));
                    case "beta" -> beta(asDouble(value));
                    case "epsilon" -> epsilon(asDouble(value));
                    case "epsilon_high" -> epsilonHigh(asDouble(value));
                    case "loss_type" -> lossType(LossType.parse(String.valueOf(value)));
                    case "scale_rewards" -> scaleRewards(ScaleRewards.parse(String.valueOf(value)));
                    case "num_iterations" -> numIterations(asInt(value));
                    case "temperature" -> temperature(asDouble(value));
                    case "top_p" -> topP(asDouble(value));
                    case "top_k" -> topK(value == null ? 0 : asInt(value));
                    case "max_completion_length" -> maxCompletionLength(asInt(value));
                    case "mask_truncated_completions" -> maskTruncatedCompletions(asBoolean(value));
                    case "learning_rate" -> learningRate(asDouble(value));
                    case "warmup_steps" -> warmupSteps(asInt(value));
                    case "lr_scheduler_type" -> lrSchedulerType(String.valueOf(value).toLowerCase(Locale.ROOT));
                    case "weight_decay" -> weightDecay(asDouble(value));
                    case "adam_beta1" -> adamBeta1(asDouble(value));
                    case "adam_beta2" -> adamBeta2(asDouble(value));
                    case "adam_epsilon" -> adamEpsilon(asDouble(value));
                    case "max_grad_norm" -> maxGradNorm(asDouble(value));
                    case "ref_model_sync_steps" -> refModelSyncSteps(asInt(value));
                    case "ref_model_mixup_alpha" -> refModelMixupAlpha(asDouble(value));
                    case "max_steps" -> maxSteps(asInt(value));
                    case "seed" -> seed((long) asDouble(value));
                    case "save_steps" -> saveSteps(asInt(value));
                    case "log_completions_steps" -> logCompletionsSteps(asInt(value));
                    case "num_completions_to_log" -> numCompletionsToLog(asInt(value));
                    case "output_dir" -> outputDir(value == null ? null : Path.of(String.valueOf(value)));
                    default -> throw new IllegalArgumentException("unknown GRPO setting '" + key + "'; known: "
                            + String.join(", ", new GrpoConfig.Builder().build().toMap().keySet()) + ", output_dir");
                }
            } catch (NumberFormatException | ClassCastException e) {
                throw new IllegalArgumentException("GRPO setting '" + key + "': cannot read '" + value + "' as a value of the right type");
            }
            return this;
        }

        public GrpoConfig build() {
            return new GrpoConfig(numGenerations, promptsPerStep, beta, epsilon, epsilonHigh == null ? epsilon : epsilonHigh,
                    lossType, scaleRewards, numIterations, temperature, topP, topK, maxCompletionLength,
                    maskTruncatedCompletions, learningRate, warmupSteps, lrSchedulerType, weightDecay, adamBeta1, adamBeta2,
                    adamEpsilon, maxGradNorm, refModelSyncSteps, refModelMixupAlpha, maxSteps, seed, saveSteps,
                    logCompletionsSteps, numCompletionsToLog, outputDir);
        }

        private static int asInt(Object v) {
            double d = asDouble(v);
            if (d != Math.rint(d)) throw new NumberFormatException();
            return (int) d;
        }

        private static double asDouble(Object v) {
            if (v instanceof Number n) return n.doubleValue();
            return Double.parseDouble(String.valueOf(v).trim());
        }

        private static boolean asBoolean(Object v) {
            if (v instanceof Boolean b) return b;
            String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
            if (s.equals("true")) return true;
            if (s.equals("false")) return false;
            throw new NumberFormatException();
        }
    }
}
