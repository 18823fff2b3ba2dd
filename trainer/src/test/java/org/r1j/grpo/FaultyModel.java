package org.r1j.grpo;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.KvCache;
import org.r1j.model.ModelConfig;
import org.r1j.model.Parameters;
import org.r1j.model.TokenBatch;

/** A real model whose training passes go wrong on chosen calls (1-based): NaN log-probs, or NaN gradients. */
final class FaultyModel implements CausalLM {
    private final CausalLM inner;
    private final IntPredicate nanLogprobs;
    private final IntPredicate nanGradients;
    private int trainingCalls;

    FaultyModel(CausalLM inner, IntPredicate nanLogprobs, IntPredicate nanGradients) {
        this.inner = inner;
        this.nanLogprobs = nanLogprobs;
        this.nanGradients = nanGradients;
    }

    @Override public ModelConfig config() { return inner.config(); }
    @Override public org.r1j.model.backend.Backend backend() { return inner.backend(); }
    @Override public KvCache newCache(int b, int t) { return inner.newCache(b, t); }
    @Override public org.r1j.model.backend.Tensor prefill(KvCache c, int[][] p, int[] l) { return inner.prefill(c, p, l); }
    @Override public org.r1j.model.backend.Tensor decode(KvCache c, int[] t) { return inner.decode(c, t); }
    @Override public Parameters parameters() { return inner.parameters(); }
    @Override public void zeroGrad() { inner.zeroGrad(); }
    @Override public CausalLM copy() { return inner.copy(); }

    @Override
    public ForwardPass forward(TokenBatch batch, float temperature, boolean training) {
        ForwardPass real = inner.forward(batch, temperature, training);
        if (!training) return real;
        int call = ++trainingCalls;
        if (!nanLogprobs.test(call) && !nanGradients.test(call)) return real;
        return new ForwardPass() {
            @Override public float[][] logprobs() {
                float[][] lp = real.logprobs();
                if (nanLogprobs.test(call)) for (float[] row : lp) Arrays.fill(row, Float.NaN);
                return lp;
            }
            @Override public float[][] entropies() { return real.entropies(); }
            @Override public void backward(float[][] d) {
                if (nanGradients.test(call)) for (float[] row : d) Arrays.fill(row, Float.NaN);
                real.backward(d);
            }
            @Override public void close() { real.close(); }
        };
    }
}
