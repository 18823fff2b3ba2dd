package org.r1j.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.backend.Tensor;
import org.nd4j.linalg.factory.Nd4j;

/** Chunked causal attention gives the full-matrix attention's outputs and gradients, chunk edges included. */
class CausalAttentionTest {
    private static final Nd4jBackend BE = Nd4jBackend.INSTANCE;

    private static Tensor t(INDArray a) {
        return BE.wrap(a);
    }

    private static INDArray randn(long... shape) {
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    @Test
    void chunkedEqualsFullAttentionForwardAndBackward() {
        Nd4j.getRandom().setSeed(11);
        int B = 2, KVH = 2, G = 3, T = 70, hs = 5; // 70 positions: uneven chunks 0-18-35-53-70
        INDArray q = randn(B, KVH, T * G, hs), k = randn(B, KVH, T, hs), v = randn(B, KVH, T, hs);
        INDArray dy = randn(B, KVH, T * G, hs);
        double[] m = new double[G * T * T];
        for (int t = 0; t < T; t++) for (int g = 0; g < G; g++) for (int s = t + 1; s < T; s++) m[(t * G + g) * T + s] = -1e9;
        INDArray mask = Nd4j.create(m, new long[] {1, 1, (long) G * T, T}, 'c');

        INDArray yFull = Nd4j.create(DataType.DOUBLE, B, KVH, T * G, hs), att = Nd4j.create(DataType.DOUBLE, B, KVH, T * G, T);
        Attention.forward(BE, t(yFull), t(att), t(q), t(k), t(v), t(mask));
        INDArray dqF = q.ulike(), dkF = k.ulike(), dvF = v.ulike();
        Attention.backward(BE, t(dqF), t(dkF), t(dvF), t(dy), t(q), t(k), t(v), t(att), t(yFull), null);

        INDArray y = yFull.ulike().assign(Double.NaN);
        CausalAttention ca = CausalAttention.forward(BE, t(y), t(q), t(k), t(v), t(mask), 4, shape -> t(Nd4j.create(DataType.DOUBLE, shape).assign(Double.NaN)));
        assertEquals(18 * G, ca.probabilities(0).size(2));
        assertEquals(18, ca.probabilities(0).size(3), "chunk 0 only sees keys 0..17");
        INDArray dq = q.ulike().assign(Double.NaN), dk = k.ulike().assign(Double.NaN), dv = v.ulike().assign(Double.NaN);
        ca.backward(BE, t(dq), t(dk), t(dv), t(dy), t(q), t(k), t(v), t(y), shape -> t(Nd4j.create(DataType.DOUBLE, shape).assign(Double.NaN)));

        assertClose("y", yFull, y);
        assertClose("dq", dqF, dq);
        assertClose("dk", dkF, dk);
        assertClose("dv", dvF, dv);
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        double err = want.sub(got).amaxNumber().doubleValue() / Math.max(1e-12, want.amaxNumber().doubleValue());
        assertTrue(err < 1e-12, what + ": relative difference " + err);
    }
}
