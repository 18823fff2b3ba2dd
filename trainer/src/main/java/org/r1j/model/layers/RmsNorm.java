package org.r1j.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.factory.Nd4j;

/** RMSNorm: out = x / sqrt(mean(x^2) + eps) * w (no mean subtraction, no bias). */
public final class RmsNorm {
    private RmsNorm() {}

    /**
     * @param out  (N, C) written
     * @param rstd (N, 1) written: 1 / sqrt(mean(x^2) + eps), kept for backward
     * @param inp  (N, C)
     * @param w    (C)
     */
    public static void forward(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps) {
        long N = inp.size(0), C = inp.size(1);
        INDArray rstd1 = rstd.reshape(N);
        Nd4j.exec(new SquaredNorm(inp, rstd1, false, 1));   // sum x^2 (6 ops in all: decoding is op-count bound)
        rstd.muli(1.0 / C).addi(eps);
        Nd4j.exec(new RSqrt(rstd, rstd));
        Nd4j.exec(new BroadcastMulOp(inp, rstd1, out, 0));
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
        xhat.assign(inp).muliColumnVector(rstd);
        dout.mul(xhat, g);
        dw.addi(g.sum(0));
        g.assign(dout).muliRowVector(w);
        INDArray dot = g.mul(xhat).mean(true, 1);           // (N, 1)
        g.subi(xhat.muliColumnVector(dot)).muliColumnVector(rstd);
        dinp.addi(g);
    }
}
