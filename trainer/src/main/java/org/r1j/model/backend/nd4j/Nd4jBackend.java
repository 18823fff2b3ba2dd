package org.r1j.model.backend.nd4j;

import static org.r1j.model.backend.nd4j.HostTensor.array;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.backend.Tensor;
import org.r1j.model.layers.Linear;
import org.r1j.model.layers.Rotary;

/**
 * ND4J ops for everything (libnd4j, OpenBLAS GEMMs), in f32 or f64: the CPU reference. Tensors are
 * {@link HostTensor}s (ND4J host arrays); each op unwraps them and runs the readable ND4J code of its layer
 * ({@code Nd4jRmsNorm}, {@code Nd4jSwiGlu}, {@code Nd4jLogProbHead}, {@code Nd4jEmbedding}, {@code Nd4jRotary},
 * {@code Nd4jSoftmax}; {@link Linear} and the attention layers are composed of these ops). The decoding step is
 * {@link Nd4jDecodeStep}. Works on any ND4J array layout (views, strides), which the faster backends need not.
 *
 * <p>Subclasses (the simd backend) override the protected ND4J-array overloads, which the {@link Tensor} methods
 * call after unwrapping.
 */
public class Nd4jBackend implements Backend {
    public static final Nd4jBackend INSTANCE = new Nd4jBackend();

    protected Nd4jBackend() {}

    @Override
    public String name() { return "nd4j"; }

    @Override
    public boolean supports(DataType dtype) {
        return dtype == DataType.FLOAT || dtype == DataType.DOUBLE;
    }

    /** {@code a} as a tensor of this backend (no copy). */
    public Tensor wrap(INDArray a) {
        return HostTensor.of(this, a);
    }

    // ---- memory ---------------------------------------------------------------------------------------------

    @Override
    public Tensor alloc(DataType dtype, long... shape) { return wrap(Nd4j.create(dtype, shape)); }

    @Override
    public Tensor zeros(DataType dtype, long... shape) { return wrap(Nd4j.zeros(dtype, shape)); }

    @Override
    public Tensor fromHost(DataType dtype, float[] values, long... shape) {
        return wrap(Nd4j.create(values, shape, 'c').castTo(dtype));
    }

    @Override
    public Tensor fromHost(DataType dtype, double[] values, long... shape) {
        return wrap(Nd4j.create(values, shape, 'c').castTo(dtype));
    }

    @Override
    public Tensor fromHost(int[] values, long... shape) { return wrap(Nd4j.createFromArray(values).reshape(shape)); }

    @Override
    public Tensor fromHost(long[] values, long... shape) { return wrap(Nd4j.createFromArray(values).reshape(shape)); }

    // ---- matrix products ------------------------------------------------------------------------------------

    @Override
    public final void gemm(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        gemm(array(a), array(b), array(c), transposeA, transposeB, alpha, beta);
    }

    protected void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    @Override
    public final void batchedMatmul(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double beta) {
        batchedMatmul(array(a), array(b), array(c), transposeA, transposeB, beta);
    }

    /** ND4J's matmul op writes each batch's matrix in place, so c may be a strided view; beta accumulates. */
    protected void batchedMatmul(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c)
                .addIntegerArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0).addFloatingPointArguments(1.0, beta).build());
    }

    @Override
    public void linear(Tensor out, Tensor inp, Tensor w, Tensor b) {
        Linear.forward(this, out, inp, w, b);
    }

    @Override
    public void linearBackward(Tensor dinp, Tensor dw, Tensor db, Tensor dout, Tensor inp, Tensor w, boolean accumulate,
                               Tensor dwScratch) {
        Linear.backward(this, dinp, dw, db, dout, inp, w, accumulate, dwScratch);
    }

    // ---- element-wise and reductions ------------------------------------------------------------------------

    @Override
    public void addRowVector(Tensor out, Tensor b) { array(out).addiRowVector(array(b)); }

    @Override
    public void add(Tensor dst, Tensor src) { array(dst).addi(array(src)); }

    @Override
    public void addColumnSums(Tensor acc, Tensor x) { Ones.addColumnSums(array(acc), array(x)); }

    @Override
    public void scale(Tensor x, double factor) { array(x).muli(factor); }

    @Override
    public void fill(Tensor x, double value) { array(x).assign(value); }

    @Override
    public void mix(Tensor dst, Tensor src, double alpha) {
        array(dst).muli(1 - alpha).addi(array(src).mul(alpha));
    }

    // ---- embedding ------------------------------------------------------------------------------------------

    @Override
    public void gather(Tensor out, Tensor rows, Tensor table) {
        Nd4jEmbedding.forward(array(out), array(rows), array(table));
    }

    @Override
    public void scatterAdd(Tensor table, Tensor rows, Tensor values) {
        Nd4jEmbedding.backward(array(table), array(values), array(rows));
    }

    // ---- layers ---------------------------------------------------------------------------------------------

    @Override
    public final void rmsNorm(Tensor out, Tensor rstd, Tensor inp, Tensor w, double eps) {
        rmsNorm(array(out), array(rstd), array(inp), array(w), eps);
    }

    protected void rmsNorm(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps) {
        Nd4jRmsNorm.forward(out, rstd, inp, w, eps);
    }

    @Override
    public final void rmsNormBackward(Tensor dinp, Tensor dw, Tensor dout, Tensor inp, Tensor w, Tensor rstd, Tensor xhat,
                                      Tensor g) {
        rmsNormBackward(array(dinp), array(dw), array(dout), array(inp), array(w), array(rstd), array(xhat), array(g));
    }

    protected void rmsNormBackward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd,
                                   INDArray xhat, INDArray g) {
        if (xhat == null || g == null) Nd4jRmsNorm.backward(dinp, dw, dout, inp, w, rstd);   // allocates its scratch
        else Nd4jRmsNorm.backward(dinp, dw, dout, inp, w, rstd, xhat, g);
    }

    @Override
    public final void rotary(Rotary rope, Tensor x, Tensor cos, Tensor sin, Tensor scratch) {
        rotary(array(rope.rotateHalfMatrix()), array(x), array(cos), array(sin), array(scratch));
    }

    /** @param rot the rotate_half matrix R (hs, hs) */
    protected void rotary(INDArray rot, INDArray x, INDArray cos, INDArray sin, INDArray scratch) {
        Nd4jRotary.forward(rot, x, cos, sin, scratch);
    }

    @Override
    public final void rotaryBackward(Rotary rope, Tensor dx, Tensor cos, Tensor sin, Tensor scratch) {
        rotaryBackward(array(rope.rotateHalfMatrix()), array(dx), array(cos), array(sin), array(scratch));
    }

    protected void rotaryBackward(INDArray rot, INDArray dx, INDArray cos, INDArray sin, INDArray scratch) {
        Nd4jRotary.backward(rot, dx, cos, sin, scratch);
    }

    @Override
    public final void maskedSoftmax(Tensor att, Tensor mask) {
        maskedSoftmax(array(att), array(mask));
    }

    protected void maskedSoftmax(INDArray att, INDArray mask) {
        Nd4jSoftmax.masked(att, mask);
    }

    @Override
    public final void swiGlu(Tensor h, Tensor sig, Tensor gate, Tensor up) {
        swiGlu(array(h), array(sig), array(gate), array(up));
    }

    protected void swiGlu(INDArray h, INDArray sig, INDArray gate, INDArray up) {
        Nd4jSwiGlu.forward(h, sig, gate, up);
    }

    @Override
    public final void swiGluBackward(Tensor dgate, Tensor dup, Tensor dh, Tensor gate, Tensor up, Tensor sig) {
        swiGluBackward(array(dgate), array(dup), array(dh), array(gate), array(up), array(sig));
    }

    protected void swiGluBackward(INDArray dgate, INDArray dup, INDArray dh, INDArray gate, INDArray up, INDArray sig) {
        Nd4jSwiGlu.backward(dgate, dup, dh, gate, up, sig);
    }

    @Override
    public final Tensor[] logProbHead(Tensor probs, Tensor logits, Tensor targetFlat, double temperature) {
        INDArray[] r = logProbHead(array(probs), array(logits), array(targetFlat), temperature);
        return new Tensor[] {wrap(r[0]), wrap(r[1])};
    }

    protected INDArray[] logProbHead(INDArray probs, INDArray logits, INDArray targetFlat, double temperature) {
        return Nd4jLogProbHead.forward(probs, logits, targetFlat, temperature);
    }

    @Override
    public final void logProbHeadBackward(Tensor dlogits, Tensor dlogp, Tensor probs, Tensor targetFlat, double temperature) {
        logProbHeadBackward(array(dlogits), array(dlogp), array(probs), array(targetFlat), temperature);
    }

    protected void logProbHeadBackward(INDArray dlogits, INDArray dlogp, INDArray probs, INDArray targetFlat,
                                       double temperature) {
        Nd4jLogProbHead.backward(dlogits, dlogp, probs, targetFlat, temperature);
    }

    @Override
    public void entropyBackward(Tensor dlogits, Tensor probs, Tensor h, Tensor coef) {
        INDArray p = array(probs);
        long M = p.size(0);
        INDArray term = Transforms.log(Transforms.max(p, 1e-30, true), false);
        term.addiColumnVector(array(h).reshape(M, 1));
        term.muli(p);
        term.muliColumnVector(array(coef).reshape(M, 1));
        array(dlogits).addi(term);
    }

    @Override
    public Tensor rowDot(Tensor a, Tensor b, Tensor scratch) {
        INDArray s = array(scratch);
        array(a).mul(array(b), s);
        return wrap(s.sum(true, s.rank() - 1));
    }

    /** A strided rowDot (a chunk's rows of a larger one) is copied dense first: ND4J broadcasts those slowly. */
    @Override
    public void softmaxBackward(Tensor datt, Tensor att, Tensor rowDot) {
        INDArray r = array(rowDot);
        array(datt).subi(r.isView() ? r.dup('c') : r).muli(array(att));
    }

    @Override
    public void copy(Tensor dst, Tensor src) {
        array(dst).assign(array(src));
    }

    @Override
    public final void adamW(Tensor w, Tensor g, Tensor m, Tensor v, Tensor scratch, AdamWStep s) {
        adamW(array(w), array(g), array(m), array(v), array(scratch), s);
    }

    /** ~10 element-wise ops (BLAS axpy where possible); ND4J's own AdamUpdater adds eps before bias correction. */
    protected void adamW(INDArray w, INDArray g, INDArray m, INDArray v, INDArray scratch, AdamWStep s) {
        var blas = Nd4j.getBlasWrapper().level1();
        if (s.keep() != 1) w.muli(s.keep());
        m.muli(s.beta1());
        blas.axpy(m.length(), 1 - s.beta1(), g, m);             // m += (1-b1) g
        v.muli(s.beta2());
        g.mul(g, scratch);
        blas.axpy(v.length(), 1 - s.beta2(), scratch, v);       // v += (1-b2) g^2
        Nd4j.exec(new Sqrt(v, scratch));
        scratch.muli(s.invSqrtBc2()).addi(s.eps());            // sqrt(v-hat) + eps
        m.div(scratch, scratch);
        blas.axpy(w.length(), s.stepSize(), scratch, w);        // w -= lr m-hat / (...)
    }

    @Override
    public double sumOfSquares(Tensor a) {
        double n = array(a).norm2Number().doubleValue();
        return n * n;
    }

    @Override
    public DecodeStep decodeStep(ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        return Nd4jDecodeStep.over(this, config, weights, rope, cache);
    }
}
