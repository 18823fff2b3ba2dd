package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SwiGLU non-linearity between the gate/up projections and the down projection:
 * {@code h = silu(gate) * up}, silu(x) = x sigmoid(x). Forward keeps sigmoid(gate) so backward needs no
 * further exponentials (ND4J's exp is scalar code, ~10x the cost of a multiply). ND4J ops: the reference that the
 * {@code nd4j} backend runs ({@code simd} has one SIMD pass each way). The model calls it through its Backend.
 */
public final class Nd4jSwiGlu {
    private Nd4jSwiGlu() {}

    /**
     * @param h    (N, I) written
     * @param sig  (N, I) written: sigmoid(gate), kept for backward
     * @param gate (N, I)
     * @param up   (N, I)
     */
    public static void forward(INDArray h, INDArray sig, INDArray gate, INDArray up) {
        Nd4j.exec(new Sigmoid(gate, sig));
        gate.mul(sig, h).muli(up);
    }

    /**
     * Forward was {@code h = gate * sig * up}, so {@code dup = dh * gate * sig} and
     * {@code dgate = dh * up * silu'(gate)} with silu'(x) = sig + x sig (1 - sig).
     *
     * @param dgate (N, I) written
     * @param dup   (N, I) written
     * @param dh    (N, I)
     */
    public static void backward(INDArray dgate, INDArray dup, INDArray dh, INDArray gate, INDArray up, INDArray sig) {
        gate.mul(sig, dup);                 // silu(gate)
        sig.rsub(1.0, dgate);               // 1 - sig
        dgate.muli(dup).addi(sig);          // silu'(gate)
        dgate.muli(up).muli(dh);
        dup.muli(dh);
    }
}
