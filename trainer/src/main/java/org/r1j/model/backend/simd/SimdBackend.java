package org.r1j.model.backend.simd;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.layers.Rotary;

/**
 * Loops in Java, SIMD through the JDK's incubating Vector API (as llama3.java does), over ND4J's host memory, in
 * f32, where libnd4j 1.0.0-M2.1 is slow: anything with an exp (its exp is scalar libm, ~5 ns per element:
 * {@link SimdSoftmax}, {@link SimdSwiGlu}, {@link SimdLogProbHead}), chains of small element-wise ops that each pass
 * over memory and cost 10-50 us to launch ({@link SimdRmsNorm}, {@link SimdRotary}, {@link SimdAdamW}), and the
 * decoding step ({@link SimdDecodeStep}). Matrix products are direct single-threaded OpenBLAS calls, one per output
 * block per core ({@link SimdGemm} on {@link SimdThreads}); gathers, scatters and copies are ND4J's, inherited.
 * Same math as the layers' ND4J code, checked against it in f64 by each kernel's test; all exps go through
 * {@link SimdExp}, so results are the same before and after the JIT.
 *
 * <p>Needs the CPU ND4J backend (arrays in host memory) and {@code --add-modules jdk.incubator.vector} (./r1j, the
 * notebook kernel and the tests pass it). The kernels index dense row-major f32 arrays; an op handed another
 * layout runs on ND4J ops instead and says so on stderr, once per op (the model never does this; it is a guard).
 */
public final class SimdBackend extends Nd4jBackend {
    public static final SimdBackend INSTANCE = new SimdBackend();

    /** Ops that already said they fell back to ND4J for a layout the kernel does not take. */
    private final Set<String> fellBack = ConcurrentHashMap.newKeySet();

    private SimdBackend() {}

    /** Why this JVM cannot run the simd backend, or null when it can. Names no Vector API type, so safe anywhere. */
    public static String unavailableReason() {
        String nd4j = Nd4j.getBackend().getClass().getSimpleName();
        if (!nd4j.startsWith("CpuBackend")) return "the ND4J " + nd4j + " keeps arrays off the host";
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
            return "the JVM was started without --add-modules jdk.incubator.vector (./r1j passes it)";
        return null;
    }

    @Override
    public String name() { return "simd"; }

    @Override
    public boolean supports(DataType dtype) {
        return dtype == DataType.FLOAT;
    }

    /** Whether the kernel for {@code op} can take these arrays; if not, says once that ND4J runs it. */
    private boolean dense(String op, INDArray... arrays) {
        if (HostMemory.dense(arrays)) return true;
        fallBack(op, arrays);
        return false;
    }

    private void fallBack(String op, INDArray... arrays) {
        if (fellBack.add(op)) {
            StringBuilder layouts = new StringBuilder();
            for (INDArray a : arrays) layouts.append(' ').append(a.dataType()).append(java.util.Arrays.toString(a.shape()))
                    .append("/strides").append(java.util.Arrays.toString(a.stride()));
            System.err.println("r1j: simd backend: " + op + " got a layout its kernel does not take (" + layouts.toString().strip()
                    + "); it runs on ND4J ops (said once)");
        }
    }

    /** {@link SimdGemm} over every core; ND4J's GEMM for a layout it cannot take. */
    @Override
    protected void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        if (!SimdGemm.gemm(a, b, c, transposeA, transposeB, alpha, beta)) {
            fallBack("gemm", a, b, c);
            super.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
    }

    /** One {@link SimdGemm} per matrix, the batch split over every core (libnd4j's batched matmul is a scalar loop). */
    @Override
    protected void batchedMatmul(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        if (!SimdGemm.batched(a, b, c, transposeA, transposeB, beta)) {
            fallBack("batched matmul", a, b, c);
            super.batchedMatmul(a, b, c, transposeA, transposeB, beta);
        }
    }

    @Override
    protected void rmsNorm(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps) {
        if (dense("rmsnorm", out, rstd, inp, w)) SimdRmsNorm.forward(out, rstd, inp, w, eps);
        else super.rmsNorm(out, rstd, inp, w, eps);
    }

    @Override
    protected void rmsNormBackward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd,
                                INDArray xhat, INDArray g) {
        if (dense("rmsnorm backward", dinp, dw, dout, inp, w, rstd)) SimdRmsNorm.backward(dinp, dw, dout, inp, w, rstd);
        else super.rmsNormBackward(dinp, dw, dout, inp, w, rstd, xhat, g);
    }

    /** One pass with full per-head tables (cos and sin shaped like x); broadcast tables take the ND4J code. */
    @Override
    protected void rotary(INDArray rot, INDArray x, INDArray cos, INDArray sin, INDArray scratch) {
        if (cos.length() == x.length() && dense("rotary", x, cos, sin)) SimdRotary.forward(x, cos, sin, (int) x.size(x.rank() - 1));
        else super.rotary(rot, x, cos, sin, scratch);
    }

    @Override
    protected void rotaryBackward(INDArray rot, INDArray dx, INDArray cos, INDArray sin, INDArray scratch) {
        if (cos.length() == dx.length() && dense("rotary backward", dx, cos, sin))
            SimdRotary.backward(dx, cos, sin, (int) dx.size(dx.rank() - 1));
        else super.rotaryBackward(rot, dx, cos, sin, scratch);
    }

    @Override
    protected void maskedSoftmax(INDArray att, INDArray mask) {
        if (mask.stride(3) == 1 && dense("masked softmax", att)) SimdSoftmax.maskedInPlace(att, mask);
        else super.maskedSoftmax(att, mask);
    }

    @Override
    protected void swiGlu(INDArray h, INDArray sig, INDArray gate, INDArray up) {
        if (dense("swiglu", h, sig, gate, up)) SimdSwiGlu.forward(h, sig, gate, up);
        else super.swiGlu(h, sig, gate, up);
    }

    @Override
    protected void swiGluBackward(INDArray dgate, INDArray dup, INDArray dh, INDArray gate, INDArray up, INDArray sig) {
        if (dense("swiglu backward", dgate, dup, dh, gate, up, sig)) SimdSwiGlu.backward(dgate, dup, dh, gate, up, sig);
        else super.swiGluBackward(dgate, dup, dh, gate, up, sig);
    }

    @Override
    protected INDArray[] logProbHead(INDArray probs, INDArray logits, INDArray targetFlat, double temperature) {
        if (dense("log-prob head", probs, logits)) return SimdLogProbHead.forward(probs, logits, targetFlat, temperature);
        return super.logProbHead(probs, logits, targetFlat, temperature);
    }

    @Override
    protected void logProbHeadBackward(INDArray dlogits, INDArray dlogp, INDArray probs, INDArray targetFlat,
                                    double temperature) {
        if (dense("log-prob head backward", dlogits, probs))
            SimdLogProbHead.backward(dlogits, dlogp, probs, targetFlat, temperature);
        else super.logProbHeadBackward(dlogits, dlogp, probs, targetFlat, temperature);
    }

    @Override
    protected void adamW(INDArray w, INDArray g, INDArray m, INDArray v, INDArray scratch, AdamWStep s) {
        if (dense("adamw", w, g, m, v)) {
            SimdAdamW.update(w, g, m, v, (float) s.keep(), (float) s.beta1(), (float) (1 - s.beta1()), (float) s.beta2(),
                    (float) (1 - s.beta2()), (float) s.stepSize(), (float) s.invSqrtBc2(), (float) s.eps());
        } else {
            super.adamW(w, g, m, v, scratch, s);
        }
    }

    /**
     * {@link SimdDecodeStep}, whose attention reads a heap mirror of the cache. Where the mirror would take more than
     * a quarter of the JVM's maximum heap (a fixed setting, so the choice is the same on every run of a
     * configuration), the whole step is the nd4j backend's instead, and stderr says so once per cache.
     */
    @Override
    public DecodeStep decodeStep(ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        long bytes = SimdDecodeAttention.mirrorBytes(config, cache);
        long budget = Runtime.getRuntime().maxMemory() / 4;
        if (bytes > budget || bytes / config.numHiddenLayers() >= Integer.MAX_VALUE) {
            System.err.printf("r1j: simd backend: the KV cache's heap mirror (%d MB for %d rows x %d positions) exceeds"
                    + " a quarter of the max heap (%d MB); this cache decodes with the nd4j backend's step"
                    + " (raise R1J_HEAP to keep SIMD decoding)%n", bytes >> 20, cache.batchSize(), cache.capacity(),
                    (budget * 4) >> 20);
            return super.decodeStep(config, weights, rope, cache);
        }
        return SimdDecodeStep.over(this, config, weights, rope, cache);
    }
}
