package org.r1j.model.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SwishDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SwiGLU non-linearity between the fused gate/up projection and the down projection:
 * {@code h = silu(gate) * up}, where gu = [gate | up] comes from one GEMM with the (2I, C) fused weight.
 */
public final class SwiGlu {
    private SwiGlu() {}

    /**
     * @param h  (N, I) written
     * @param gu (N, 2I) [gate | up]
     */
    public static void forward(INDArray h, INDArray gu) {
        long I = h.size(1);
        Nd4j.exec(new Swish(gate(gu, I), h));
        h.muli(up(gu, I));
    }

    /**
     * Forward was {@code h = silu(gate) * up}, so {@code dup = dh * silu(gate)} and
     * {@code dgate = dh * up * silu'(gate)}, silu'(x) = sigmoid(x) (1 + x (1 - sigmoid(x))).
     *
     * @param dgu (N, 2I) written
     * @param dh  (N, I)
     * @param gu  (N, 2I) forward input
     */
    public static void backward(INDArray dgu, INDArray dh, INDArray gu) {
        long I = dh.size(1);
        INDArray dgate = gate(dgu, I), dup = up(dgu, I);
        Nd4j.exec(new SwishDerivative(gate(gu, I), dgate));
        dgate.muli(up(gu, I)).muli(dh);
        Nd4j.exec(new Swish(gate(gu, I), dup));
        dup.muli(dh);
    }

    private static INDArray gate(INDArray gu, long I) {
        return gu.get(all(), interval(0, I));
    }

    private static INDArray up(INDArray gu, long I) {
        return gu.get(all(), interval(I, 2 * I));
    }
}
