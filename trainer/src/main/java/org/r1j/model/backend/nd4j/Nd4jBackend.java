package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.backend.AdamWStep;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.layers.Attention;
import org.r1j.model.layers.Embedding;
import org.r1j.model.layers.Linear;
import org.r1j.model.layers.LogProbHead;
import org.r1j.model.layers.RmsNorm;
import org.r1j.model.layers.Rotary;
import org.r1j.model.layers.SwiGlu;

/**
 * ND4J ops for everything (libnd4j, OpenBLAS GEMMs), in f32 or f64: the CPU reference. Each layer op is the
 * layer's own readable code in {@code org.r1j.model.layers}; the decoding step is {@link Nd4jDecodeStep}.
 * Works on any ND4J array layout (views, strides), which the faster backends need not.
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

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    /** ND4J's matmul op writes each batch's matrix in place, so c may be a strided view; beta accumulates. */
    @Override
    public void batchedMatmul(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c)
                .addIntegerArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0).addFloatingPointArguments(1.0, beta).build());
    }

    @Override
    public void linear(INDArray out, INDArray inp, INDArray w, INDArray b) {
        Linear.forward(this, out, inp, w, b);
    }

    @Override
    public void linearBackward(INDArray dinp, INDArray dw, INDArray db, INDArray dout, INDArray inp, INDArray w,
                               boolean accumulate, INDArray dwScratch) {
        Linear.backward(this, dinp, dw, db, dout, inp, w, accumulate, dwScratch);
    }

    @Override
    public void gather(INDArray out, INDArray rows, INDArray table) {
        Embedding.forward(out, rows, table);
    }

    @Override
    public void scatterAdd(INDArray table, INDArray rows, INDArray values) {
        Embedding.backward(table, values, rows);
    }

    @Override
    public void rmsNorm(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps) {
        RmsNorm.forward(out, rstd, inp, w, eps);
    }

    @Override
    public void rmsNormBackward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd,
                                INDArray xhat, INDArray g) {
        if (xhat == null || g == null) RmsNorm.backward(dinp, dw, dout, inp, w, rstd);   // allocates its scratch
        else RmsNorm.backward(dinp, dw, dout, inp, w, rstd, xhat, g);
    }

    @Override
    public void rotary(Rotary rope, INDArray x, INDArray cos, INDArray sin, INDArray scratch) {
        rope.forward(x, cos, sin, scratch);
    }

    @Override
    public void rotaryBackward(Rotary rope, INDArray dx, INDArray cos, INDArray sin, INDArray scratch) {
        rope.backward(dx, cos, sin, scratch);
    }

    @Override
    public void maskedSoftmax(INDArray att, INDArray mask) {
        Attention.maskedSoftmax(att, mask);
    }

    @Override
    public void swiGlu(INDArray h, INDArray sig, INDArray gate, INDArray up) {
        SwiGlu.forward(h, sig, gate, up);
    }

    @Override
    public void swiGluBackward(INDArray dgate, INDArray dup, INDArray dh, INDArray gate, INDArray up, INDArray sig) {
        SwiGlu.backward(dgate, dup, dh, gate, up, sig);
    }

    @Override
    public INDArray[] logProbHead(INDArray probs, INDArray logits, INDArray targetFlat, double temperature) {
        return LogProbHead.forward(probs, logits, targetFlat, temperature);
    }

    @Override
    public void logProbHeadBackward(INDArray dlogits, INDArray dlogp, INDArray probs, INDArray targetFlat,
                                    double temperature) {
        LogProbHead.backward(dlogits, dlogp, probs, targetFlat, temperature);
    }

    @Override
    public INDArray rowDot(INDArray a, INDArray b, INDArray scratch) {
        a.mul(b, scratch);
        return scratch.sum(true, scratch.rank() - 1);
    }

    /** A strided rowDot (a chunk's rows of a larger one) is copied dense first: ND4J broadcasts those slowly. */
    @Override
    public void softmaxBackward(INDArray datt, INDArray att, INDArray rowDot) {
        datt.subi(rowDot.isView() ? rowDot.dup('c') : rowDot).muli(att);
    }

    @Override
    public void copy(INDArray dst, INDArray src) {
        dst.assign(src);
    }

    /** ~10 element-wise ops (BLAS axpy where possible); ND4J's own AdamUpdater adds eps before bias correction. */
    @Override
    public void adamW(INDArray w, INDArray g, INDArray m, INDArray v, INDArray scratch, AdamWStep s) {
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
    public double sumOfSquares(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }

    @Override
    public DecodeStep decodeStep(ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        return Nd4jDecodeStep.over(config, weights, rope, cache);
    }
}
