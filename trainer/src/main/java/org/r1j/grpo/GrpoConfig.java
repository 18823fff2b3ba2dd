package org.r1j.grpo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.r1j.config.Knob;
import org.r1j.config.Knobs;
import org.r1j.optim.LrSchedule;

/**
 * GRPO hyper-parameters, with TRL's {@code GRPOConfig} names (camelCase here, snake_case in YAML) and TRL's defaults
 * unless stated. Each setting is declared once, below: its {@link Knob} holds its default, its doc (with its paper)
 * and so its YAML key; {@link #KNOBS} maps YAML onto the record and back, and builds it:
 * <pre>{@code
 * GrpoConfig c = GrpoConfig.builder().set(GrpoConfig::numGenerations, 8).set(GrpoConfig::beta, 0.04).build();
 * }</pre>
 * The compact constructor fills in the settings whose default follows another one and checks every value.
 */
public record GrpoConfig(
        @Knob(value = "8", doc = "G, completions sampled per prompt (TRL 8; R1 16; DeepSeekMath 64). Advantages are relative "
                + "within these G.")
        int numGenerations,

        @Knob(value = "4", doc = "prompts per optimiser step; the generation batch is promptsPerStep·G completions (TRL derives "
                + "it from per_device_train_batch_size / num_generations; R1: 32 prompts). YAML also accepts TRL's "
                + "generation_batch_size (completions, a multiple of G) instead.")
        int promptsPerStep,

        @Knob(value = "0.0", doc = "weight of the k3 KL penalty to the reference model (TRL 0.0: no reference pass at all; R1 "
                + "0.001; DeepSeekMath 0.04).")
        double beta,

        @Knob(value = "0.2", doc = "lower clip range: rho is clipped at 1-epsilon (PPO, Schulman et al. 2017; TRL 0.2). No upper "
                + "limit, as in TRL: with epsilon >= 1 the lower bound never binds (R1's Nature settings: 10).")
        double epsilon,

        @Knob(value = "NaN", doc = "upper clip range 1+epsilon_high; DAPO's \"clip-higher\" uses 0.28 (arXiv 2503.14476). Defaults "
                + "to epsilon, as in TRL. Unset (NaN) = epsilon.")
        double epsilonHigh,

        @Knob(value = "dapo", doc = "how per-token losses are aggregated, see LossType (TRL default dapo).")
        LossType lossType,

        @Knob(value = "group", doc = "advantage scaling, see ScaleRewards (TRL default group).")
        ScaleRewards scaleRewards,

        @Knob(value = "1", doc = "μ: optimiser steps per generation batch (DeepSeekMath's μ, TRL 1). With μ > 1 importance ratios "
                + "against the sampling policy and clipping take effect.")
        int numIterations,

        @Knob(value = "1.0", doc = "sampling temperature; log-probs in the loss use logits/temperature too (TRL 1.0; R1 1.0).")
        double temperature,

        @Knob(value = "1.0", doc = "nucleus sampling mass (TRL 1.0 = off).")
        double topP,

        @Knob(value = "0", doc = "top-k sampling, 0 = off (TRL None).")
        int topK,

        @Knob(value = "256", doc = "max tokens per completion; also L in dr_grpo's normaliser (TRL 256).")
        int maxCompletionLength,

        @Knob(value = "false", doc = "leave completions cut at the length limit out of the loss (DAPO's overlong filtering; TRL "
                + "false).")
        boolean maskTruncatedCompletions,

        @Knob(value = "1e-6", doc = "peak AdamW learning rate (TRL 1e-6; R1 3e-6). Tiny models from scratch need far more.")
        double learningRate,

        @Knob(value = "0", doc = "linear warm-up steps from 0 to learning_rate (TRL warmup_steps 0).")
        int warmupSteps,

        @Knob(value = "constant", doc = "\"constant\" or \"cosine\" decay to 0 at max_steps after warm-up (TRL's default is linear).")
        String lrSchedulerType,

        @Knob(value = "0.0", doc = "AdamW decoupled weight decay (Loshchilov and Hutter 2019; TRL 0.0).")
        double weightDecay,

        @Knob(value = "0.9", doc = "AdamW beta1, decay of the gradient's running mean (Loshchilov and Hutter 2019; transformers 0.9).")
        double adamBeta1,

        @Knob(value = "0.999", doc = "AdamW beta2, decay of the squared gradient's running mean (transformers 0.999).")
        double adamBeta2,

        @Knob(value = "1e-8", doc = "AdamW epsilon, added to the root of the second moment (transformers 1e-8).")
        double adamEpsilon,

        @Knob(value = "1.0", doc = "global gradient-norm clip before the update (TRL 1.0); 0 = off.")
        double maxGradNorm,

        @Knob(value = "0", doc = "reset the reference model to the policy every N steps; 0 = never (TRL's sync_ref_model=false). "
                + "R1 resets every 400 steps (Nature Methods). Only used when beta > 0.")
        int refModelSyncSteps,

        @Knob(value = "1.0", doc = "on a sync, ref = alpha·policy + (1-alpha)·ref (TR-DPO; TRL 0.6). 1.0 is R1's hard reset, our "
                + "default.")
        double refModelMixupAlpha,

        @Knob(value = "100", doc = "optimiser steps to run (TRL max_steps).")
        int maxSteps,

        @Knob(value = "42", doc = "seeds sampling, the prompt order and anything random (TRL 42).")
        long seed,

        @Knob(value = "1", doc = "write a resumable checkpoint every N steps (default 1: a SIGKILL loses at most the step in "
                + "flight; raise it for large models, where a checkpoint costs more than a step); 0 = only at the "
                + "end and on interrupt.")
        int saveSteps,

        @Knob(value = "1", doc = "record sampled completions in the completions table every N steps; 0 = never.")
        int logCompletionsSteps,

        @Knob(value = "4", doc = "completions per logging step kept in that table.")
        int numCompletionsToLog,

        @Knob(value = "null", doc = "run directory (runs/<name>) for metrics.csv, report.html and checkpoints; null = write nothing.")
        Path outputDir,

        @Knob(value = "grpo", doc = "how advantages come from a group's rewards, see AdvantageEstimator (verl adv_estimator; default "
                + "grpo).")
        AdvantageEstimator advantageEstimator,

        @Knob(value = "sum_then_normalize", doc = "sum the rewards then normalise (default) or normalise each then sum (GDPO), see "
                + "MultiObjectiveAggregation (TRL multi_objective_aggregation).")
        MultiObjectiveAggregation multiObjectiveAggregation,

        @Knob(value = "token", doc = "token (default) or sequence (GSPO) importance ratios, see ImportanceSamplingLevel (TRL "
                + "importance_sampling_level).")
        ImportanceSamplingLevel importanceSamplingLevel,

        @Knob(value = "null", doc = "two-sided clipping: the unclipped ratio is capped at delta as well, so a negative-advantage "
                + "token with a huge ratio cannot blow up the loss (INTELLECT-2, arXiv 2505.07291; TRL delta; "
                + "verl's dual-clip clip_ratio_c is the same idea). null = off (TRL); must exceed 1 + "
                + "epsilon_high.")
        Double delta,

        @Knob(value = "1.0", doc = "SAPO gate temperature for tokens with positive advantage (TRL 1.0; arXiv 2511.20347).")
        double sapoTemperaturePos,

        @Knob(value = "1.05", doc = "SAPO gate temperature for the others (TRL 1.05).")
        double sapoTemperatureNeg,

        @Knob(value = "k3", doc = "k1, k2 or k3 (default, TRL's only one) for the beta-weighted KL term, see KlEstimator (verl "
                + "kl_loss_type, OpenRLHF --algo.kl.estimator).")
        KlEstimator klEstimator,

        @Knob(value = "0.0", doc = "entropy bonus: loss -= entropy_coef · mean token entropy of the tokens trained on (TRL "
                + "entropy_coef 0.0 = off; the bonus is the mean per-token entropy whatever the loss_type, as TRL "
                + "defines it).")
        double entropyCoef,

        @Knob(value = "1.0", doc = "train only on the top ρ quantile of tokens by entropy, per micro-batch (\"Beyond the 80/20 "
                + "Rule\", Wang et al., arXiv 2506.01939, recommends 0.2; TRL top_entropy_quantile, default 1.0 = "
                + "all tokens). The KL term still covers every token.")
        double topEntropyQuantile,

        @Knob(value = "false", doc = "dynamic sampling: drop groups whose rewards all agree (no signal) and sample more prompts until "
                + "prompts_per_step groups are kept (DAPO, arXiv 2503.14476; verl algorithm.filter_groups.enable; "
                + "default false).")
        boolean filterGroups,

        @Knob(value = "total", doc = "what must differ within a kept group: \"total\" (the summed reward; verl seq_final_reward) or "
                + "one reward's name (verl acc ≈ \"accuracy\").")
        String filterGroupsMetric,

        @Knob(value = "10", doc = "at most this many generation batches per step when filtering (verl max_num_gen_batches 10); 0 = "
                + "no limit. When reached, the step trains on the groups kept so far (verl raises an error "
                + "instead), or on the last batch if none was kept.")
        int maxNumGenBatches,

        @Knob(value = "0", doc = "micro-batches the generation batch is split into (TRL steps_per_generation; its default, "
                + "gradient_accumulation_steps, means one optimiser step per rollout). With steps_per_generation = "
                + "k · gradient_accumulation_steps one rollout feeds k optimiser steps (R1 split each rollout into "
                + "16 mini-batches). Must divide prompts_per_step · num_generations. 0 = "
                + "gradient_accumulation_steps (TRL None).")
        int stepsPerGeneration,

        @Knob(value = "1", doc = "micro-batches whose gradients are summed into one optimiser step (TRL "
                + "gradient_accumulation_steps, default 1). Bounds the memory of a step by the micro-batch; the "
                + "gradient equals the whole batch's (except bnpo, which is per micro-batch).")
        int gradientAccumulationSteps,

        @Knob(value = "0", doc = "completions per micro-batch (TRL per_device_train_batch_size); 0 = derived, prompts_per_step · "
                + "num_generations / steps_per_generation; if set it must equal that.")
        int perDeviceTrainBatchSize,

        @Knob(value = "false", doc = "multiply each token's policy loss by the truncated importance weight between the trainer's and "
                + "the sampler's log-probs (TRL vllm_importance_sampling_correction; r1j default false: its "
                + "default sampler is the policy on the same backend). The sampling/* mismatch metrics are logged "
                + "whenever the sampler reports log-probs.")
        boolean vllmImportanceSamplingCorrection,

        @Knob(value = "sequence_mask", doc = "how that weight is bounded, see SamplerCorrectionMode (TRL default sequence_mask).")
        SamplerCorrectionMode vllmImportanceSamplingMode,

        @Knob(value = "3.0", aliases = "vllm_importance_sampling_cap", doc = "upper bound C_max (TRL vllm_importance_sampling_clip_max 3.0, alias "
                + "vllm_importance_sampling_cap); null = none.")
        Double vllmImportanceSamplingClipMax,

        @Knob(value = "null", doc = "lower bound C_min (TRL default null = none).")
        Double vllmImportanceSamplingClipMin,

        @Knob(value = "0.0", doc = "sampling keeps tokens with probability >= min_p · p_max after temperature (Nguyen et al., arXiv "
                + "2407.01082; TRL min_p, 0 = off).")
        double minP,

        @Knob(value = "1.0", doc = "logits of tokens already in the prompt or completion are divided by it (multiplied when "
                + "negative; CTRL, Keskar et al. 2019; TRL repetition_penalty 1.0 = off). The sampler's log-probs "
                + "then differ from the trainer's; see vllm_importance_sampling_correction.")
        double repetitionPenalty,

        @Knob(value = "0.1", doc = "floor of cosine_with_min_lr as a fraction of learning_rate (transformers "
                + "lr_scheduler_kwargs.min_lr_rate; open-r1's recipes use 0.1). /")
        double minLrRate) {

    /** The settings, their defaults and docs; YAML ↔ record. TRL's generation_batch_size is read as prompts_per_step. */
    public static final Knobs<GrpoConfig> KNOBS = Knobs.of(GrpoConfig.class, "GRPO", GrpoConfig::generationBatch);

    public GrpoConfig {
        // settings whose default follows another one
        if (Double.isNaN(epsilonHigh)) epsilonHigh = epsilon;
        lrSchedulerType = lrSchedulerType == null ? null : lrSchedulerType.toLowerCase(Locale.ROOT);
        if (stepsPerGeneration == 0) stepsPerGeneration = gradientAccumulationSteps;
        if (perDeviceTrainBatchSize == 0 && stepsPerGeneration > 0) perDeviceTrainBatchSize = promptsPerStep * numGenerations / stepsPerGeneration;
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
        require(LrSchedule.TYPES.contains(lrSchedulerType),
                "lr_scheduler_type must be one of " + String.join(", ", LrSchedule.TYPES) + ", got '" + lrSchedulerType + "'");
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

    /** Optimiser steps one generation batch feeds per pass over it (num_iterations passes make μ times as many). */
    public int updatesPerGeneration() {
        return stepsPerGeneration / gradientAccumulationSteps;
    }

    /** Optimiser steps between two generation batches. */
    public int stepsPerRollout() {
        return updatesPerGeneration() * numIterations;
    }

    /** Generation batch size in completions. */
    public int completionsPerStep() {
        return promptsPerStep * numGenerations;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** TRL's generation_batch_size (completions, a multiple of G) instead of prompts_per_step. */
    private static Map<String, Object> generationBatch(Map<String, Object> values) {
        if (!values.containsKey("generation_batch_size")) return values;
        Map<String, Object> m = new LinkedHashMap<>(values);
        Object size = m.remove("generation_batch_size");
        if (size == null) return m;
        require(!m.containsKey("prompts_per_step"), "generation_batch_size and prompts_per_step both set the generation batch; keep one");
        int g = (Integer) KNOBS.value("num_generations", m);
        double n = size instanceof Number x ? x.doubleValue() : Double.NaN;
        require(n > 0 && n == Math.rint(n) && n % g == 0, "generation_batch_size must be a positive multiple of num_generations = "
                + g + ", got " + size);
        m.put("prompts_per_step", (int) n / g);
        return m;
    }

    /** Every setting at its default (TRL's, unless stated). */
    public static GrpoConfig defaults() {
        return KNOBS.defaults();
    }

    /** Settings by accessor or YAML key: {@code builder().set(GrpoConfig::beta, 0.04).build()}. */
    public static Knobs.Builder<GrpoConfig> builder() {
        return KNOBS.builder();
    }

    /** A builder starting from this config's values. */
    public Knobs.Builder<GrpoConfig> toBuilder() {
        return KNOBS.builder(this);
    }

    /**
     * Builds a config from snake_case keys (YAML), e.g. {@code {num_generations: 8, loss_type: dapo}}. Unknown keys
     * are an error naming the key and listing the known ones.
     */
    public static GrpoConfig fromMap(Map<String, ?> values) {
        return KNOBS.fromMap(values);
    }

    /** The config as snake_case key → value, the inverse of {@link #fromMap}. */
    public Map<String, Object> toMap() {
        return KNOBS.toMap(this);
    }
}
