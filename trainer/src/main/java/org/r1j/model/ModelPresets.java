package org.r1j.model;

/** Named model sizes for demos, tests and benchmarks (Qwen2 layout: q/k/v biases, tied embeddings). */
public final class ModelPresets {
    private ModelPresets() {}

    /** ~0.1M parameters at vocab 256: CPU demos on synthetic tasks; hidden 64, 2 layers, 4 heads (2 KV). */
    public static ModelConfig tiny(int vocab) {
        return qwen2(vocab, 64, 176, 2, 4, 2, 512);
    }

    /** The benchmark size: hidden 256, 4 layers, 8 heads (4 KV), intermediate 688, 1024 positions. */
    public static ModelConfig small(int vocab) {
        return qwen2(vocab, 256, 688, 4, 8, 4, 1024);
    }

    /** {@link #small(int)} with the default benchmark vocabulary of 512. */
    public static ModelConfig small() {
        return small(512);
    }

    /** Qwen2.5-0.5B's vocabulary (its tokenizer's 151,643 tokens, padded in the checkpoint's embedding). */
    public static final int QWEN25_VOCAB = 151_936;

    /**
     * The shape of Qwen2.5-0.5B (its config.json: hidden 896, 24 layers, 14 heads / 2 KV, intermediate 4864, rope
     * theta 1e6, tied embeddings, q/k/v biases): ~494M parameters at {@link #QWEN25_VOCAB}. Random weights: the GPU
     * benchmark size, not the model (that comes from a checkpoint). 1024 positions: what the benchmarks use.
     */
    public static ModelConfig qwen25Half(int vocab) {
        return new ModelConfig(vocab, 896, 4864, 24, 14, 2, 1e-6, 1_000_000.0, 1024, true, true, "qwen2", -1, -1);
    }

    /** The vocabulary a benchmark gives preset {@code name} unless told: Qwen2.5-0.5B's own for its shape, else 512. */
    public static int benchmarkVocab(String name) {
        return name.equals("qwen2.5-0.5b") ? QWEN25_VOCAB : 512;
    }

    /** The presets' names, as {@link #byName} takes them. */
    public static final java.util.List<String> NAMES = java.util.List.of("tiny", "small", "qwen2.5-0.5b");

    /** A preset by name ("tiny", "small" or "qwen2.5-0.5b"); a clear error otherwise. */
    public static ModelConfig byName(String name, int vocab) {
        return switch (name) {
            case "tiny" -> tiny(vocab);
            case "small" -> small(vocab);
            case "qwen2.5-0.5b" -> qwen25Half(vocab);
            default -> throw new IllegalArgumentException("unknown model preset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    private static ModelConfig qwen2(int vocab, int hidden, int inter, int layers, int heads, int kvHeads, int maxPos) {
        return new ModelConfig(vocab, hidden, inter, layers, heads, kvHeads, 1e-6, 10000.0, maxPos, true, true,
                "qwen2", -1, -1);
    }
}
