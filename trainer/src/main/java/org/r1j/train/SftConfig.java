package org.r1j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Supervised fine-tuning settings (cold start and distillation), with TRL's {@code SFTConfig} names where they exist.
 * The loss is cross-entropy on completion tokens only (TRL's completion_only_loss), the completion followed by EOS
 * so the model learns to stop.
 *
 * @param learningRate  peak AdamW rate (TRL 2e-5 for pretrained models; tiny models from scratch want ~1e-3)
 * @param batchSize     sequences per step (TRL per_device_train_batch_size, 8)
 * @param maxSteps      optimiser steps; the data repeats in fresh seeded orders as needed
 * @param warmupSteps   linear warm-up steps
 * @param lrSchedulerType "constant" or "cosine" (decay to 0 at max_steps)
 * @param weightDecay   AdamW decoupled weight decay (TRL 0.0)
 * @param maxGradNorm   gradient-norm clip (TRL 1.0); 0 = off
 * @param maxLength     prompt + completion tokens kept per example; longer completions are cut (TRL max_length 1024)
 * @param seed          example order (TRL 42)
 * @param saveSteps     checkpoint every N steps; 0 = at the end and on interrupt only
 * @param outputDir     run directory for metrics.csv, report.html and checkpoints; null = none
 */
public record SftConfig(double learningRate, int batchSize, int maxSteps, int warmupSteps, String lrSchedulerType,
                        double weightDecay, double maxGradNorm, int maxLength, long seed, int saveSteps, Path outputDir) {
    public SftConfig {
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learning_rate must be >= 0, got " + learningRate);
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        if (maxSteps < 1) throw new IllegalArgumentException("max_steps must be >= 1, got " + maxSteps);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        if (!lrSchedulerType.equals("constant") && !lrSchedulerType.equals("cosine"))
            throw new IllegalArgumentException("lr_scheduler_type must be constant or cosine, got '" + lrSchedulerType + "'");
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
        return new SftConfig(1e-3, 16, maxSteps, Math.min(20, maxSteps / 10), "cosine", 0.0, 1.0, 512, 42, 0, null);
    }

    public SftConfig withOutputDir(Path dir) {
        return new SftConfig(learningRate, batchSize, maxSteps, warmupSteps, lrSchedulerType, weightDecay, maxGradNorm,
                maxLength, seed, saveSteps, dir);
    }

    /** Builds a config from snake_case keys, starting from {@link #defaults}; unknown keys are an error. */
    public static SftConfig fromMap(Map<String, ?> m) {
        Map<String, Object> v = new LinkedHashMap<>(defaults(100).toMap());
        if (m.containsKey("max_steps") && !m.containsKey("warmup_steps")) {
            // the default warm-up follows max_steps (a tenth, at most 20), as defaults(maxSteps) does
            v.put("warmup_steps", (int) Math.min(20, num(new LinkedHashMap<>(m), "max_steps") / 10));
        }
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (!v.containsKey(e.getKey()) && !e.getKey().equals("output_dir")) {
                throw new IllegalArgumentException("unknown SFT setting '" + e.getKey() + "'; known: " + String.join(", ", v.keySet()) + ", output_dir");
            }
            v.put(e.getKey(), e.getValue());
        }
        try {
            return new SftConfig(num(v, "learning_rate"), (int) num(v, "batch_size"), (int) num(v, "max_steps"),
                    (int) num(v, "warmup_steps"), String.valueOf(v.get("lr_scheduler_type")), num(v, "weight_decay"),
                    num(v, "max_grad_norm"), (int) num(v, "max_length"), (long) num(v, "seed"), (int) num(v, "save_steps"),
                    v.get("output_dir") == null ? null : Path.of(String.valueOf(v.get("output_dir"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SFT settings: " + e.getMessage());
        }
    }

    private static double num(Map<String, Object> v, String k) {
        Object o = v.get(k);
        if (o instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + k + "' must be a number, got '" + o + "'");
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("learning_rate", learningRate); m.put("batch_size", batchSize); m.put("max_steps", maxSteps);
        m.put("warmup_steps", warmupSteps); m.put("lr_scheduler_type", lrSchedulerType); m.put("weight_decay", weightDecay);
        m.put("max_grad_norm", maxGradNorm); m.put("max_length", maxLength); m.put("seed", seed); m.put("save_steps", saveSteps);
        if (outputDir != null) m.put("output_dir", outputDir.toString());
        return m;
    }
}
