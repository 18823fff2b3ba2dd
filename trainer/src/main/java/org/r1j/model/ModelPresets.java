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

    /** A preset by name ("tiny" or "small"); a clear error otherwise. */
    public static ModelConfig byName(String name, int vocab) {
        return switch (name) {
            case "tiny" -> tiny(vocab);
            case "small" -> small(vocab);
            default -> throw new IllegalArgumentException("unknown model preset '" + name + "' (known: tiny, small)");
        };
    }

    private static ModelConfig qwen2(int vocab, int hidden, int inter, int layers, int heads, int kvHeads, int maxPos) {
        return new ModelConfig(vocab, hidden, inter, layers, heads, kvHeads, 1e-6, 10000.0, maxPos, true, true,
                "qwen2", -1, -1);
    }
}
