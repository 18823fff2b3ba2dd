package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSNorm: out = x / sqrt(mean(x^2) + eps) * w (no mean subtraction, no bias), in ND4J ops: the reference that the
 * {@code nd4j} backend runs ({@code simd} has one SIMD pass each way). The model calls it through its Backend.
 */
public final class Nd4jRmsNorm {
    private Nd4jRmsNorm() {}

    /**
     * @param out  (N, C) written
     * @param rstd (N, 1) written: 1 / sqrt(mean(x^2) + eps), kept for backward
     * @param inp  (N, C)
     * @param w    (C)
     */
    public static void forward(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps) {
        long N = inp.size(0), C = inp.size(1);
        INDArray rstd1 = rstd.reshape(N);
        Nd4j.exec(new SquaredNorm(inp, rstd1, false, 1));   // sum x^2 (5 ops in all: decoding is op-count bound)
        rstd.muli(1.0 / C).addi(eps);
        Nd4j.exec(new RSqrt(rstd, rstd));
        inp.mul(rstd, out);           // column broadcast: 0.5 ms at (4096, 256), BroadcastMulOp on dim 0 took 7 ms
        out.muliRowVector(w);
    }

    /**
     * Forward was {@code xhat = x * rstd; out = xhat * w}, so with {@code g = dout * w}:
     * {@code dw += sum_N dout * xhat} and {@code dx += rstd * (g - xhat * mean_C(g * xhat))}.
     *
     * @param dinp (N, C) added to
     * @param dw   (C) added to
     * @param dout (N, C)
     * @param inp  (N, C) forward input
     * @param w    (C)
     * @param rstd (N, 1) from forward
     */
    public static void backward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd) {
        backward(dinp, dw, dout, inp, w, rstd, inp.ulike(), inp.ulike());
    }

    /** As above with two (N, C) scratch buffers, overwritten. */
    public static void backward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd,
                                INDArray xhat, INDArray g) {
        long N = inp.size(0), C = inp.size(1);
        inp.mul(rstd, xhat);
        dout.mul(xhat, g);                                   // dout * xhat
        Ones.addColumnSums(dw, g);                           // dw += sum_N dout * xhat
        // mean_C(dout * w * xhat) = (dout * xhat) @ w / C: a GEMV instead of a product and a reduction
        INDArray dot = Nd4j.create(inp.dataType(), N, 1);
        Nd4j.gemm(g, w.reshape(C, 1), dot, false, false, 1.0 / C, 0.0);
        Nd4j.exec(new BroadcastMulOp(dout, w, g, 1));        // g = dout * w
        g.subi(xhat.muliColumnVector(dot)).muliColumnVector(rstd);
        dinp.addi(g);
    }
}
