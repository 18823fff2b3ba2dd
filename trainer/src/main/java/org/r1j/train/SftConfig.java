package org.r1j.train;

import java.nio.file.Path;
import java.util.Map;
import org.r1j.config.Knob;
import org.r1j.config.Knobs;

/**
 * Supervised fine-tuning settings (cold start and distillation), with TRL's {@code SFTConfig} names where they exist,
 * each declared once below ({@link Knob}: default, doc, YAML key). The loss is cross-entropy on completion tokens
 * only (TRL's completion_only_loss), the completion followed by EOS so the model learns to stop.
 */
public record SftConfig(
        @Knob(value = "1e-3", doc = "peak AdamW rate (TRL 2e-5 for pretrained models; tiny models from scratch want ~1e-3)")
        double learningRate,

        @Knob(value = "16", doc = "sequences per step (TRL per_device_train_batch_size, 8)")
        int batchSize,

        @Knob(value = "100", doc = "optimiser steps; the data repeats in fresh seeded orders as needed (TRL max_steps)")
        int maxSteps,

        @Knob(value = "-1", doc = "linear warm-up steps (TRL warmup_steps); -1 = a tenth of max_steps, at most 20")
        int warmupSteps,

        @Knob(value = "cosine", doc = "constant, cosine or linear decay to 0 at max_steps after the warm-up (transformers' "
                + "lr_scheduler_type; the one LrSchedule GRPO uses too)")
        String lrSchedulerType,

        @Knob(value = "0.0", doc = "AdamW decoupled weight decay (Loshchilov and Hutter 2019; TRL 0.0)")
        double weightDecay,

        @Knob(value = "1.0", doc = "global gradient-norm clip before the update (TRL 1.0); 0 = off")
        double maxGradNorm,

        @Knob(value = "512", doc = "prompt + completion tokens kept per example; longer completions are cut (TRL max_length 1024)")
        int maxLength,

        @Knob(value = "42", doc = "seeds the example order (TRL 42)")
        long seed,

        @Knob(value = "0", doc = "write a resumable checkpoint every N steps; 0 = at the end and on interrupt only")
        int saveSteps,

        @Knob(value = "null", doc = "run directory for metrics.csv, report.html and checkpoints; null = none (a pipeline "
                + "sets it to the stage folder)")
        Path outputDir) {

    /** The lr_scheduler_type values SFT takes: {@link org.r1j.optim.LrSchedule#TYPES} but the one that needs a floor. */
    public static final java.util.List<String> SCHEDULES = java.util.List.of("constant", "cosine", "linear");

    /** The settings, their defaults and docs; YAML ↔ record. */
    public static final Knobs<SftConfig> KNOBS = Knobs.of(SftConfig.class, "SFT");

    public SftConfig {
        if (warmupSteps == -1) warmupSteps = Math.min(20, maxSteps / 10);
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learning_rate must be >= 0, got " + learningRate);
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        if (maxSteps < 1) throw new IllegalArgumentException("max_steps must be >= 1, got " + maxSteps);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        if (!SCHEDULES.contains(lrSchedulerType))
            throw new IllegalArgumentException("lr_scheduler_type must be one of " + String.join(", ", SCHEDULES) + ", got '" + lrSchedulerType + "'");
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
        if (!(maxGradNorm >= 0)) throw new IllegalArgumentException("max_grad_norm must be >= 0, got " + maxGradNorm);
        if (maxLength < 2) throw new IllegalArgumentException("max_length must be >= 2, got " + maxLength);
        if (saveSteps < 0) throw new IllegalArgumentException("save_steps must be >= 0, got " + saveSteps);
        if (warmupSteps > maxSteps) {
            throw new IllegalArgumentException("warmup_steps (" + warmupSteps + ") must not exceed max_steps (" + maxSteps + ")");
        }
    }

    /** Defaults for a tiny model trained from scratch: lr 1e-3, batch 16, cosine, clip 1.0. */
    public static SftConfig defaults(int maxSteps) {
        return KNOBS.fromMap(Map.of("max_steps", maxSteps));
    }

    public SftConfig withOutputDir(Path dir) {
        return KNOBS.builder(this).set(SftConfig::outputDir, dir).build();
    }

    /** Builds a config from snake_case keys, starting from the defaults; unknown keys are an error. */
    public static SftConfig fromMap(Map<String, ?> m) {
        return KNOBS.fromMap(m);
    }

    public Map<String, Object> toMap() {
        return KNOBS.toMap(this);
    }
}
