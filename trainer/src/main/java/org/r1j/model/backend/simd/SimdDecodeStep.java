package org.r1j.model.backend.simd;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.Profile;
import org.r1j.model.backend.nd4j.Nd4jDecodeStep;
import org.r1j.model.layers.Rotary;

/**
 * The simd backend's decoding step: {@link Nd4jDecodeStep}'s bound transposes and gathers, with the weight GEMMs
 * ({@link SimdGemm} over every core) and the
 * feature-major RMSNorm ({@link SimdColumnRmsNorm}), rotary ({@link SimdRotary} on full per-head tables), SwiGLU
 * ({@link SimdSwiGlu} on the dense row blocks) and the attention with its cache write ({@link SimdDecodeAttention},
 * over a heap mirror of the cache; nothing is masked, rows attend to their own slots only) as SIMD passes.
 */
final class SimdDecodeStep extends Nd4jDecodeStep {
    private final SimdDecodeAttention attention;

    private SimdDecodeStep(SimdBackend owner, ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        super(owner, config, weights, rope, cache);
        attention = new SimdDecodeAttention(config, cache, qkv, y4);
    }

    static SimdDecodeStep over(SimdBackend owner, ModelConfig config, DecoderWeights weights, Rotary rope,
                               DecoderKvCache cache) {
        return (SimdDecodeStep) new SimdDecodeStep(owner, config, weights, rope, cache).bind();
    }

    @Override
    protected void prepareAttention(int start) {
        // nothing to mask or rebind: SimdDecodeAttention reads slots pad[b] .. start of each row
    }

    @Override
    protected void attend(int l, int start) {
        attention.writeSlot(l, start);
        Profile.mark("decode: norm, qkv, rotary, cache");
        attention.attend(l, cache.pad(), start + 1);
    }

    @Override
    protected void rmsNorm(List<Runnable> ops, INDArray weight) {
        ops.add(SimdColumnRmsNorm.bind(xT, weight, lnT, c.rmsNormEps()));
    }

    /** {@link SimdGemm}, its output rows split over the cores. */
    @Override
    protected Runnable matmul(INDArray weight, INDArray x, INDArray out, boolean transposeX, double beta) {
        return () -> ((SimdBackend) owner).gemm(weight, x, out, false, transposeX, 1, beta);
    }

    @Override
    protected void rotary(List<Runnable> ops) {
        INDArray heads = qkv.reshape(B * H3, hs);               // full per-head tables: one pass
        ops.add(() -> SimdRotary.forward(heads, cos, sin, (int) hs));
    }

    @Override
    protected void swiGlu(List<Runnable> ops, INDArray gateT, INDArray upT) {
        ops.add(() -> SimdSwiGlu.forward(hT, sigT, gateT, upT)); // row blocks of guT are dense
    }
}
