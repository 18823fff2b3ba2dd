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
 *                         YAML also accepts TRL's {@code generation_batch_size} (completions, a multiple of G) instead.
 * @param beta             weight of the k3 KL penalty to the reference model (TRL 0.0: no reference pass at all;
 *                         R1 0.001; DeepSeekMath 0.04).
 * @param epsilon          lower clip range: rho is clipped at 1-epsilon (PPO, Schulman et al. 2017; TRL 0.2). No upper
 *                         limit, as in TRL: with epsilon >= 1 the lower bound never binds (R1's Nature settings: 10).
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
 * @param advantageEstimator how advantages come from a group's rewards, see {@link AdvantageEstimator} (verl
 *                         {@code adv_estimator}; default grpo).
 * @param multiObjectiveAggregation sum the rewards then normalise (default) or normalise each then sum (GDPO), see
 *                         {@link MultiObjectiveAggregation} (TRL {@code multi_objective_aggregation}).
 * @param importanceSamplingLevel token (default) or sequence (GSPO) importance ratios, see
 *                         {@link ImportanceSamplingLevel} (TRL {@code importance_sampling_level}).
 * @param delta            two-sided clipping: the unclipped ratio is capped at delta as well, so a negative-advantage
 *                         token with a huge ratio cannot blow up the loss (INTELLECT-2, arXiv 2505.07291; TRL
 *                         {@code delta}; verl's dual-clip {@code clip_ratio_c} is the same idea). null = off (TRL);
 *                         must exceed 1 + epsilon_high.
 * @param sapoTemperaturePos SAPO gate temperature for tokens with positive advantage (TRL 1.0; arXiv 2511.20347).
 * @param sapoTemperatureNeg SAPO gate temperature for the others (TRL 1.05).
 * @param klEstimator      k1, k2 or k3 (default, TRL's only one) for the beta-weighted KL term, see {@link KlEstimator}
 *                         (verl {@code kl_loss_type}, OpenRLHF {@code --algo.kl.estimator}).
 * @param entropyCoef      entropy bonus: loss -= entropy_coef · mean token entropy of the tokens trained on (TRL
 *                         {@code entropy_coef} 0.0 = off; the bonus is the mean per-token entropy whatever the
 *                         loss_type, as TRL defines it).
 * @param topEntropyQuantile train only on the top ρ quantile of tokens by entropy, per micro-batch ("Beyond the 80/20
 *                         Rule", Wang et al., arXiv 2506.01939, recommends 0.2; TRL {@code top_entropy_quantile},
 *                         default 1.0 = all tokens). The KL term still covers every token.
 * @param filterGroups     dynamic sampling: drop groups whose rewards all agree (no signal) and sample more prompts
 *                         until prompts_per_step groups are kept (DAPO, arXiv 2503.14476; verl
 *                         {@code algorithm.filter_groups.enable}; default false).
 * @param filterGroupsMetric what must differ within a kept group: "total" (the summed reward; verl
 *                         {@code seq_final_reward}) or one reward's name (verl {@code acc} ≈ "accuracy").
 * @param maxNumGenBatches at most this many generation batches per step when filtering (verl
 *                         {@code max_num_gen_batches} 10); 0 = no limit. When reached, the step trains on the groups
 *                         kept so far (verl raises an error instead), or on the last batch if none was kept.
 * @param stepsPerGeneration micro-batches the generation batch is split into (TRL {@code steps_per_generation}; its
 *                         default, gradient_accumulation_steps, means one optimiser step per rollout). With
 *                         steps_per_generation = k · gradient_accumulation_steps one rollout feeds k optimiser steps
 *                         (R1 split each rollout into 16 mini-batches). Must divide prompts_per_step · num_generations.
 * @param gradientAccumulationSteps micro-batches whose gradients are summed into one optimiser step (TRL
 *                         {@code gradient_accumulation_steps}, default 1). Bounds the memory of a step by the
 *                         micro-batch; the gradient equals the whole batch's (except bnpo, which is per micro-batch).
 * @param perDeviceTrainBatchSize completions per micro-batch (TRL {@code per_device_train_batch_size}); 0 = derived,
 *                         prompts_per_step · num_generations / steps_per_generation; if set it must equal that.
 * @param vllmImportanceSamplingCorrection multiply each token's policy loss by the truncated importance weight between
 *                         the trainer's and the sampler's log-probs (TRL {@code vllm_importance_sampling_correction};
 *                         r1j default false: its default sampler is the policy on the same backend). The
 *                         sampling/* mismatch metrics are logged whenever the sampler reports log-probs.
 * @param vllmImportanceSamplingMode how that weight is bounded, see {@link SamplerCorrectionMode} (TRL default
 *                         sequence_mask).
 * @param vllmImportanceSamplingClipMax upper bound C_max (TRL {@code vllm_importance_sampling_clip_max} 3.0, alias
 *                         {@code vllm_importance_sampling_cap}); null = none.
 * @param vllmImportanceSamplingClipMin lower bound C_min (TRL default null = none).
 * @param minP             sampling keeps tokens with probability >= min_p · p_max after temperature (Nguyen et al.,
 *                         arXiv 2407.01082; TRL {@code min_p}, 0 = off).
 * @param repetitionPenalty logits of tokens already in the prompt or completion are divided by it (multiplied when
 *                         negative; CTRL, Keskar et al. 2019; TRL {@code repetition_penalty} 1.0 = off). The sampler's
 *                         log-probs then differ from the trainer's; see vllm_importance_sampling_correction.
 * @param minLrRate        floor of {@code cosine_with_min_lr} as a fraction of learning_rate (transformers
 *                         {@code lr_scheduler_kwargs.min_lr_rate}; open-r1's recipes use 0.1).
 */
public record GrpoConfig(int numGenerations, int promptsPerStep, double beta, double epsilon, double epsilonHigh,
                         LossType lossType, ScaleRewards scaleRewards, int numIterations, double temperature,
                         double topP, int topK, int maxCompletionLength, boolean maskTruncatedCompletions,
                         double learningRate, int warmupSteps, String lrSchedulerType, double weightDecay,
                         double adamBeta1, double adamBeta2, double adamEpsilon, double maxGradNorm,
                         int refModelSyncSteps, double refModelMixupAlpha, int maxSteps, long seed, int saveSteps,
                         int logCompletionsSteps, int numCompletionsToLog, Path outputDir,
                         AdvantageEstimator advantageEstimator,
                         MultiObjectiveAggregation multiObjectiveAggregation,
                         ImportanceSamplingLevel importanceSamplingLevel,
                         Double delta,
                         double sapoTemperaturePos,
                         double sapoTemperatureNeg,
                         KlEstimator klEstimator,
                         double entropyCoef,
                         double topEntropyQuantile,
                         boolean filterGroups,
                         String filterGroupsMetric,
                         int maxNumGenBatches,
                         int stepsPerGeneration,
                         int gradientAccumulationSteps,
                         int perDeviceTrainBatchSize,
                         boolean vllmImportanceSamplingCorrection,
                         SamplerCorrectionMode vllmImportanceSamplingMode,
                         Double vllmImportanceSamplingClipMax,
                         Double vllmImportanceSamplingClipMin,
                         double minP,
                         double repetitionPenalty,
                         double minLrRate) {

    public GrpoConfig {
        require(numGenerations >= 2, "num_generations must be >= 2 (advantages are relative within a group), got " + numGenerations);
        require(promptsPerStep >= 1, "prompts_per_step must be >= 1, got " + promptsPerStep);
        require(beta >= 0, "beta must be >= 0, got " + beta);
        require(epsilon >= 0, "epsilon must be >= 0, got " + epsilon);
        require(epsilonHigh >= 0, "epsilon_high must be >= 0, got " + epsilonHigh);
        require(numIterations >= 1, "num_iterations must be >= 1, got " + numIterations);
        require(temperature > 0, "temperature must be > 0 for GRPO (log-probs use logits / temperature), got " + temperature);
        require(topP > 0 && topP <= 1, "top_p must be in (0, 1], got " + topP);
        require(topK >= 0, "top_k must be >= 0, got " + topK);
        require(maxCompletionLength >= 1, "max_completion_length must be >= 1, got " + maxCompletionLength);
        require(learningRate >= 0, "learning_rate must be >= 0, got " + learningRate);
        require(warmupSteps >= 0, "warmup_steps must be >= 0, got " + warmupSteps);
        require(LR_SCHEDULES.contains(lrSchedulerType),
                "lr_scheduler_type must be one of " + String.join(", ", LR_SCHEDULES) + ", got '" + lrSchedulerType + "'");
        require(weightDecay >= 0, "weight_decay must be >= 0, got " + weightDecay);
        require(maxGradNorm >= 0, "max_grad_norm must be >= 0, got " + maxGradNorm);
        require(refModelSyncSteps >= 0, "ref_model_sync_steps must be >= 0, got " + refModelSyncSteps);
        require(refModelMixupAlpha > 0 && refModelMixupAlpha <= 1, "ref_model_mixup_alpha must be in (0, 1], got " + refModelMixupAlpha);
        require(maxSteps >= 1, "max_steps must be >= 1, got " + maxSteps);
        require(saveSteps >= 0 && logCompletionsSteps >= 0 && numCompletionsToLog >= 0,
                "save_steps, log_completions_steps and num_completions_to_log must be >= 0");
        int batch = promptsPerStep * numGenerations;
        require(delta == null || delta > 1 + epsilonHigh, "delta must be > 1 + epsilon_high = " + (1 + epsilonHigh) + ", got " + delta);
        require(lossType != LossType.CISPO || epsilonHigh > 1, "epsilon_high is CISPO's cap on the importance ratio and must be > 1 "
                + "with loss_type cispo (ScaleRL uses 5.0), got " + epsilonHigh);
        require(sapoTemperaturePos > 0 && sapoTemperatureNeg > 0, "sapo_temperature_pos and sapo_temperature_neg must be > 0");
        require(entropyCoef >= 0, "entropy_coef must be >= 0, got " + entropyCoef);
        require(topEntropyQuantile >= 0 && topEntropyQuantile <= 1, "top_entropy_quantile must be in [0, 1], got " + topEntropyQuantile);
        require(multiObjectiveAggregation == MultiObjectiveAggregation.SUM_THEN_NORMALIZE || advantageEstimator == AdvantageEstimator.GRPO,
                "multi_objective_aggregation normalize_then_sum (GDPO) needs advantage_estimator grpo, got " + advantageEstimator.trlName());
        require(filterGroupsMetric != null && !filterGroupsMetric.isBlank(), "filter_groups_metric must name a reward or be 'total'");
        require(maxNumGenBatches >= 0, "max_num_gen_batches must be >= 0, got " + maxNumGenBatches);
        require(gradientAccumulationSteps >= 1, "gradient_accumulation_steps must be >= 1, got " + gradientAccumulationSteps);
        require(stepsPerGeneration >= 1 && batch % stepsPerGeneration == 0, "steps_per_generation must divide the generation batch "
                + "prompts_per_step x num_generations = " + batch + ", got " + stepsPerGeneration);
        require(stepsPerGeneration % gradientAccumulationSteps == 0, "steps_per_generation must be a multiple of "
                + "gradient_accumulation_steps = " + gradientAccumulationSteps + " (whole optimiser steps per rollout), got " + stepsPerGeneration);
        require(perDeviceTrainBatchSize == batch / stepsPerGeneration, "per_device_train_batch_size must be the generation batch "
                + batch + " / steps_per_generation " + stepsPerGeneration + " = " + batch / stepsPerGeneration + ", got " + perDeviceTrainBatchSize);
        require(vllmImportanceSamplingClipMax == null || vllmImportanceSamplingClipMax > 0,
                "vllm_importance_sampling_clip_max must be > 0, got " + vllmImportanceSamplingClipMax);
        require(vllmImportanceSamplingClipMin == null || vllmImportanceSamplingClipMin >= 0,
                "vllm_importance_sampling_clip_min must be >= 0, got " + vllmImportanceSamplingClipMin);
        require(vllmImportanceSamplingClipMin == null || vllmImportanceSamplingClipMax == null
                || vllmImportanceSamplingClipMin < vllmImportanceSamplingClipMax,
                "vllm_importance_sampling_clip_min must be < vllm_importance_sampling_clip_max");
        require(!vllmImportanceSamplingCorrection || vllmImportanceSamplingClipMax != null || vllmImportanceSamplingClipMin != null,
                "vllm_importance_sampling_correction needs vllm_importance_sampling_clip_max or _clip_min");
        require(minP >= 0 && minP <= 1, "min_p must be in [0, 1], got " + minP);
        require(repetitionPenalty > 0, "repetition_penalty must be > 0, got " + repetitionPenalty);
        require(minLrRate >= 0 && minLrRate <= 1, "min_lr_rate must be in [0, 1], got " + minLrRate);
    }

    /** lr_scheduler_type values: transformers' names (constant, cosine, linear, cosine_with_min_lr). */
    public static final java.util.List<String> LR_SCHEDULES = java.util.List.of("constant", "cosine", "linear", "cosine_with_min_lr");

    /** Optimiser steps one generation batch feeds per pass over it (num_iterations passes make μ times as many). */
    public int updatesPerGeneration() {
        return stepsPerGeneration / gradientAccumulationSteps;
    }

    /** Optimiser steps between two generation batches. */
    public int stepsPerRollout() {
        return updatesPerGeneration() * numIterations;
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
        b.advantageEstimator = advantageEstimator;
        b.multiObjectiveAggregation = multiObjectiveAggregation;
        b.importanceSamplingLevel = importanceSamplingLevel;
        b.delta = delta;
        b.sapoTemperaturePos = sapoTemperaturePos;
        b.sapoTemperatureNeg = sapoTemperatureNeg;
        b.klEstimator = klEstimator;
        b.entropyCoef = entropyCoef;
        b.topEntropyQuantile = topEntropyQuantile;
        b.filterGroups = filterGroups;
        b.filterGroupsMetric = filterGroupsMetric;
        b.maxNumGenBatches = maxNumGenBatches;
        b.stepsPerGeneration = stepsPerGeneration;
        b.gradientAccumulationSteps = gradientAccumulationSteps;
        b.perDeviceTrainBatchSize = perDeviceTrainBatchSize;
        b.vllmImportanceSamplingCorrection = vllmImportanceSamplingCorrection;
        b.vllmImportanceSamplingMode = vllmImportanceSamplingMode;
        b.vllmImportanceSamplingClipMax = vllmImportanceSamplingClipMax;
        b.vllmImportanceSamplingClipMin = vllmImportanceSamplingClipMin;
        b.minP = minP;
        b.repetitionPenalty = repetitionPenalty;
        b.minLrRate = minLrRate;
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
        m.put("advantage_estimator", advantageEstimator.trlName());
        m.put("multi_objective_aggregation", multiObjectiveAggregation.trlName());
        m.put("importance_sampling_level", importanceSamplingLevel.trlName());
        m.put("delta", delta);
        m.put("sapo_temperature_pos", sapoTemperaturePos);
        m.put("sapo_temperature_neg", sapoTemperatureNeg);
        m.put("kl_estimator", klEstimator.trlName());
        m.put("entropy_coef", entropyCoef);
        m.put("top_entropy_quantile", topEntropyQuantile);
        m.put("filter_groups", filterGroups);
        m.put("filter_groups_metric", filterGroupsMetric);
        m.put("max_num_gen_batches", maxNumGenBatches);
        m.put("steps_per_generation", stepsPerGeneration);
        m.put("gradient_accumulation_steps", gradientAccumulationSteps);
        m.put("per_device_train_batch_size", perDeviceTrainBatchSize);
        m.put("vllm_importance_sampling_correction", vllmImportanceSamplingCorrection);
        m.put("vllm_importance_sampling_mode", vllmImportanceSamplingMode.trlName());
        m.put("vllm_importance_sampling_clip_max", vllmImportanceSamplingClipMax);
        m.put("vllm_importance_sampling_clip_min", vllmImportanceSamplingClipMin);
        m.put("min_p", minP);
        m.put("repetition_penalty", repetitionPenalty);
        m.put("min_lr_rate", minLrRate);
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
        private AdvantageEstimator advantageEstimator = AdvantageEstimator.GRPO;
        private MultiObjectiveAggregation multiObjectiveAggregation = MultiObjectiveAggregation.SUM_THEN_NORMALIZE;
        private ImportanceSamplingLevel importanceSamplingLevel = ImportanceSamplingLevel.TOKEN;
        private Double delta;                   // null: one-sided clipping
        private double sapoTemperaturePos = 1.0;
        private double sapoTemperatureNeg = 1.05;
        private KlEstimator klEstimator = KlEstimator.K3;
        private double entropyCoef = 0.0;
        private double topEntropyQuantile = 1.0;
        private boolean filterGroups = false;
        private String filterGroupsMetric = "total";
        private int maxNumGenBatches = 10;
        private Integer stepsPerGeneration;      // null: gradient_accumulation_steps (TRL)
        private int gradientAccumulationSteps = 1;
        private Integer perDeviceTrainBatchSize; // null or 0: derived
        private Integer generationBatchSize;     // null: prompts_per_step x num_generations
        private boolean promptsPerStepSet;       // to reject prompts_per_step together with generation_batch_size
        private boolean vllmImportanceSamplingCorrection = false;
        private SamplerCorrectionMode vllmImportanceSamplingMode = SamplerCorrectionMode.SEQUENCE_MASK;
        private Double vllmImportanceSamplingClipMax = 3.0;
        private Double vllmImportanceSamplingClipMin;
        private double minP = 0.0;
        private double repetitionPenalty = 1.0;
        private double minLrRate = 0.1;

        public Builder numGenerations(int v) { numGenerations = v; return this; }
        public Builder promptsPerStep(int v) { promptsPerStep = v; promptsPerStepSet = true; return this; }
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
        public Builder advantageEstimator(AdvantageEstimator v) { advantageEstimator = v; return this; }
        public Builder multiObjectiveAggregation(MultiObjectiveAggregation v) { multiObjectiveAggregation = v; return this; }
        public Builder importanceSamplingLevel(ImportanceSamplingLevel v) { importanceSamplingLevel = v; return this; }
        public Builder delta(Double v) { delta = v; return this; }
        public Builder sapoTemperaturePos(double v) { sapoTemperaturePos = v; return this; }
        public Builder sapoTemperatureNeg(double v) { sapoTemperatureNeg = v; return this; }
        public Builder klEstimator(KlEstimator v) { klEstimator = v; return this; }
        public Builder entropyCoef(double v) { entropyCoef = v; return this; }
        public Builder topEntropyQuantile(double v) { topEntropyQuantile = v; return this; }
        public Builder filterGroups(boolean v) { filterGroups = v; return this; }
        public Builder filterGroupsMetric(String v) { filterGroupsMetric = v; return this; }
        public Builder maxNumGenBatches(int v) { maxNumGenBatches = v; return this; }
        public Builder stepsPerGeneration(Integer v) { stepsPerGeneration = v; return this; }
        public Builder gradientAccumulationSteps(int v) { gradientAccumulationSteps = v; return this; }
        public Builder perDeviceTrainBatchSize(Integer v) { perDeviceTrainBatchSize = v; return this; }
        /** TRL's alternative to prompts_per_step: completions per generation batch (a multiple of num_generations). */
        public Builder generationBatchSize(Integer v) { generationBatchSize = v; return this; }
        public Builder vllmImportanceSamplingCorrection(boolean v) { vllmImportanceSamplingCorrection = v; return this; }
        public Builder vllmImportanceSamplingMode(SamplerCorrectionMode v) { vllmImportanceSamplingMode = v; return this; }
        public Builder vllmImportanceSamplingClipMax(Double v) { vllmImportanceSamplingClipMax = v; return this; }
        public Builder vllmImportanceSamplingClipMin(Double v) { vllmImportanceSamplingClipMin = v; return this; }
        public Builder minP(double v) { minP = v; return this; }
        public Builder repetitionPenalty(double v) { repetitionPenalty = v; return this; }
        public Builder minLrRate(double v) { minLrRate = v; return this; }

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
                    case "advantage_estimator" -> advantageEstimator(AdvantageEstimator.parse(String.valueOf(value)));
                    case "multi_objective_aggregation" -> multiObjectiveAggregation(MultiObjectiveAggregation.parse(String.valueOf(value)));
                    case "importance_sampling_level" -> importanceSamplingLevel(ImportanceSamplingLevel.parse(String.valueOf(value)));
                    case "delta" -> delta(value == null ? null : asDouble(value));
                    case "sapo_temperature_pos" -> sapoTemperaturePos(asDouble(value));
                    case "sapo_temperature_neg" -> sapoTemperatureNeg(asDouble(value));
                    case "kl_estimator" -> klEstimator(KlEstimator.parse(String.valueOf(value)));
                    case "entropy_coef" -> entropyCoef(asDouble(value));
                    case "top_entropy_quantile" -> topEntropyQuantile(asDouble(value));
                    case "filter_groups" -> filterGroups(asBoolean(value));
                    case "filter_groups_metric" -> filterGroupsMetric(String.valueOf(value));
                    case "max_num_gen_batches" -> maxNumGenBatches(asInt(value));
                    case "steps_per_generation" -> stepsPerGeneration(value == null ? null : asInt(value));
                    case "gradient_accumulation_steps" -> gradientAccumulationSteps(asInt(value));
                    case "per_device_train_batch_size" -> perDeviceTrainBatchSize(value == null ? null : asInt(value));
                    case "generation_batch_size" -> generationBatchSize(value == null ? null : asInt(value));
                    case "vllm_importance_sampling_correction" -> vllmImportanceSamplingCorrection(asBoolean(value));
                    case "vllm_importance_sampling_mode" -> vllmImportanceSamplingMode(SamplerCorrectionMode.parse(String.valueOf(value)));
                    case "vllm_importance_sampling_clip_max", "vllm_importance_sampling_cap" ->
                            vllmImportanceSamplingClipMax(value == null ? null : asDouble(value));
                    case "vllm_importance_sampling_clip_min" -> vllmImportanceSamplingClipMin(value == null ? null : asDouble(value));
                    case "min_p" -> minP(value == null ? 0 : asDouble(value));
                    case "repetition_penalty" -> repetitionPenalty(asDouble(value));
                    case "min_lr_rate" -> minLrRate(asDouble(value));
                    default -> throw new IllegalArgumentException("unknown GRPO setting '" + key + "'; known: "
                            + String.join(", ", new GrpoConfig.Builder().build().toMap().keySet()) + ", output_dir, generation_batch_size");
                }
            } catch (NumberFormatException | ClassCastException e) {
                throw new IllegalArgumentException("GRPO setting '" + key + "': cannot read '" + value + "' as a value of the right type");
            }
            return this;
        }

        public GrpoConfig build() {
            int prompts = promptsPerStep;
            if (generationBatchSize != null) {
                require(!promptsPerStepSet, "generation_batch_size and prompts_per_step both set the generation batch; keep one");
                require(generationBatchSize > 0 && generationBatchSize % numGenerations == 0, "generation_batch_size must be a "
                        + "positive multiple of num_generations = " + numGenerations + ", got " + generationBatchSize);
                prompts = generationBatchSize / numGenerations;
            }
            int spg = stepsPerGeneration == null ? gradientAccumulationSteps : stepsPerGeneration;
            int micro = perDeviceTrainBatchSize == null || perDeviceTrainBatchSize == 0
                    ? (spg > 0 ? prompts * numGenerations / spg : 0) : perDeviceTrainBatchSize;
            return new GrpoConfig(numGenerations, prompts, beta, epsilon, epsilonHigh == null ? epsilon : epsilonHigh,
                    lossType, scaleRewards, numIterations, temperature, topP, topK, maxCompletionLength,
                    maskTruncatedCompletions, learningRate, warmupSteps, lrSchedulerType, weightDecay, adamBeta1, adamBeta2,
                    adamEpsilon, maxGradNorm, refModelSyncSteps, refModelMixupAlpha, maxSteps, seed, saveSteps,
                    logCompletionsSteps, numCompletionsToLog, outputDir,
                    advantageEstimator,
                    multiObjectiveAggregation,
                    importanceSamplingLevel,
                    delta,
                    sapoTemperaturePos,
                    sapoTemperatureNeg,
                    klEstimator,
                    entropyCoef,
                    topEntropyQuantile,
                    filterGroups,
                    filterGroupsMetric,
                    maxNumGenBatches,
                    spg,
                    gradientAccumulationSteps,
                    micro,
                    vllmImportanceSamplingCorrection,
                    vllmImportanceSamplingMode,
                    vllmImportanceSamplingClipMax,
                    vllmImportanceSamplingClipMin,
                    minP,
                    repetitionPenalty,
                    minLrRate);
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
