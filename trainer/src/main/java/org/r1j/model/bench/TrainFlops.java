package org.r1j.model.bench;

import org.r1j.model.ModelConfig;

/**
 * Model FLOPs of training, for MFU (model FLOPs utilisation = achieved model FLOP/s ÷ the device's peak), as PaLM's
 * appendix B counts them (Chowdhery et al. 2022): per trained token, 6·N for the weight matrices (2 forward,
 * 4 backward: N multiply-adds each) plus 12·L·d·T for attention's two products (QKᵀ and A·V, forward and backward,
 * over all T positions: no halving for the causal mask, which r1j and the PyTorch reference both compute in full).
 * N counts the weights that take part in a matrix product: every layer's q/k/v/o and MLP matrices and the LM head
 * (tied to the embedding, whose lookup costs nothing); norms, biases and rotary are left out as PaLM leaves them.
 */
public final class TrainFlops {
    private TrainFlops() {}

    /** Weights in matrix products: L · (d·d + 2·d·kv + d·d + 3·d·I) + V·d, where kv = KV heads · head size. */
    public static double matmulWeights(ModelConfig c) {
        double d = c.hiddenSize(), kv = (double) c.numKeyValueHeads() * c.headDim(), i = c.intermediateSize();
        return c.numHiddenLayers() * (2 * d * d + 2 * d * kv + 3 * d * i) + (double) c.vocabSize() * d;
    }

    /** 6·N + 12·L·d·T: training FLOPs per token at sequence length T. */
    public static double perToken(ModelConfig c, int seqLen) {
        return 6 * matmulWeights(c) + 12.0 * c.numHiddenLayers() * c.hiddenSize() * seqLen;
    }

    /** MFU of a training rate against a peak (FLOP/s). */
    public static double mfu(ModelConfig c, int seqLen, double tokensPerSecond, double peakFlops) {
        return tokensPerSecond * perToken(c, seqLen) / peakFlops;
    }
}
