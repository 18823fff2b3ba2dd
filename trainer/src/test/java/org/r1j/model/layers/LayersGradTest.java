package org.r1j.model.layers;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.GradCheck;
import org.r1j.model.backend.Tensor;
import org.r1j.model.backend.nd4j.HostArrays;
import org.r1j.model.backend.nd4j.Nd4jEmbedding;
import org.r1j.model.backend.nd4j.Nd4jLogProbHead;
import org.r1j.model.backend.nd4j.Nd4jRmsNorm;
import org.r1j.model.backend.nd4j.Nd4jRotary;
import org.r1j.model.backend.nd4j.Nd4jSwiGlu;

/**
 * Each layer's backward against central finite differences in DOUBLE, with loss = sum(out * R) for a fixed
 * random R (so dout = R), at tiny sizes.
 */
class LayersGradTest {
    private static final double TOL = 1e-6;
    private static final Nd4jBackend BE = Nd4jBackend.INSTANCE;

    private static Tensor t(INDArray a) {
        return BE.wrap(a);
    }

    private static INDArray[] arrays(Tensor[] ts) {
        INDArray[] out = new INDArray[ts.length];
        for (int i = 0; i < ts.length; i++) out[i] = HostArrays.of(ts[i]);
        return out;
    }
    private final org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(42);

    private INDArray randn(long... shape) {
        return Nd4j.randn(rng, shape).castTo(DataType.DOUBLE);
    }

    private static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    @Test
    void linear() {
        INDArray x = randn(5, 4), w = randn(3, 4), b = randn(3), r = randn(5, 3);
        DoubleSupplier loss = () -> { INDArray out = Nd4j.create(DataType.DOUBLE, 5, 3); Linear.forward(BE, t(out), t(x), t(w), t(b)); return dot(out, r); };
        INDArray dx = Nd4j.zeros(DataType.DOUBLE, 5, 4), dw = Nd4j.zeros(DataType.DOUBLE, 3, 4), db = Nd4j.zeros(DataType.DOUBLE, 3);
        Linear.backward(BE, t(dx), t(dw), t(db), t(r), t(x), t(w), false);
        GradCheck.check("linear x", x, dx, loss, 100, TOL, 1);
        GradCheck.check("linear w", w, dw, loss, 100, TOL, 2);
        GradCheck.check("linear b", b, db, loss, 100, TOL, 3);
    }

    @Test
    void embeddingWithRepeatedTokens() {
        INDArray wte = randn(6, 3), r = randn(5, 3);
        INDArray tokens = Nd4j.createFromArray(4, 1, 4, 0, 4);
        DoubleSupplier loss = () -> { INDArray out = Nd4j.create(DataType.DOUBLE, 5, 3); Nd4jEmbedding.forward(out, tokens, wte); return dot(out, r); };
        INDArray dwte = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        Nd4jEmbedding.backward(dwte, r, tokens);
        GradCheck.check("embedding", wte, dwte, loss, 100, TOL, 4);
    }

    @Test
    void rmsNorm() {
        INDArray x = randn(4, 6), w = randn(6).addi(1), r = randn(4, 6);
        DoubleSupplier loss = () -> {
            INDArray out = Nd4j.create(DataType.DOUBLE, 4, 6), rstd = Nd4j.create(DataType.DOUBLE, 4, 1);
            Nd4jRmsNorm.forward(out, rstd, x, w, 1e-6);
            return dot(out, r);
        };
        INDArray out = Nd4j.create(DataType.DOUBLE, 4, 6), rstd = Nd4j.create(DataType.DOUBLE, 4, 1);
        Nd4jRmsNorm.forward(out, rstd, x, w, 1e-6);
        INDArray dx = Nd4j.zeros(DataType.DOUBLE, 4, 6), dw = Nd4j.zeros(DataType.DOUBLE, 6);
        Nd4jRmsNorm.backward(dx, dw, r, x, w, rstd);
        GradCheck.check("rmsnorm x", x, dx, loss, 100, TOL, 5);
        GradCheck.check("rmsnorm w", w, dw, loss, 100, TOL, 6);
    }

    @Test
    void rotaryAtMixedPositions() {
        int B = 2, H = 3, T = 4, hs = 6;
        Rotary rope = new Rotary(32, hs, 10000, DataType.DOUBLE, BE);
        INDArray[] cs = arrays(rope.at(t(Nd4j.createFromArray(0, 1, 2, 3, 5, 9, 17, 30)), B, T));
        INDArray x = randn(B, H, T, hs), r = randn(B, H, T, hs);
        DoubleSupplier loss = () -> { INDArray y = x.dup(); Nd4jRotary.forward(HostArrays.of(rope.rotateHalfMatrix()), y, cs[0], cs[1], null); return dot(y, r); };
        INDArray dx = r.dup();
        Nd4jRotary.backward(HostArrays.of(rope.rotateHalfMatrix()), dx, cs[0], cs[1], null);
        GradCheck.check("rotary", x, dx, loss, 200, TOL, 7);
    }

    @Test
    void groupedQueryAttentionWithMask() {
        int B = 2, KVH = 2, G = 2, T = 3, hs = 4;
        INDArray q = randn(B, KVH, T * G, hs), k = randn(B, KVH, T, hs), v = randn(B, KVH, T, hs), r = randn(B, KVH, T * G, hs);
        // causal, plus row 1's first key is padding; rows are t*G + g
        double[] m = new double[B * G * T * T];
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) for (int g = 0; g < G; g++) for (int s = 0; s < T; s++)
            if (s > t || (b == 1 && s == 0 && t > 0)) m[((b * T + t) * G + g) * T + s] = -1e9;
        INDArray mask = Nd4j.create(m, new long[] {B, 1, G * T, T}, 'c');
        DoubleSupplier loss = () -> {
            INDArray y = Nd4j.create(DataType.DOUBLE, B, KVH, T * G, hs), att = Nd4j.create(DataType.DOUBLE, B, KVH, G * T, T);
            Attention.forward(BE, t(y), t(att), t(q), t(k), t(v), t(mask));
            return dot(y, r);
        };
        INDArray y = Nd4j.create(DataType.DOUBLE, B, KVH, T * G, hs), att = Nd4j.create(DataType.DOUBLE, B, KVH, G * T, T);
        Attention.forward(BE, t(y), t(att), t(q), t(k), t(v), t(mask));
        INDArray dq = Nd4j.create(DataType.DOUBLE, B, KVH, T * G, hs), dk = Nd4j.create(DataType.DOUBLE, B, KVH, T, hs);
        INDArray dv = Nd4j.create(DataType.DOUBLE, B, KVH, T, hs);
        Attention.backward(BE, t(dq), t(dk), t(dv), t(r), t(q), t(k), t(v), t(att), t(y), null);
        GradCheck.check("attention q", q, dq, loss, 200, TOL, 8);
        GradCheck.check("attention k", k, dk, loss, 200, TOL, 9);
        GradCheck.check("attention v", v, dv, loss, 200, TOL, 10);
    }

    @Test
    void swiGlu() {
        INDArray gate = randn(3, 5).muli(3), up = randn(3, 5), r = randn(3, 5);
        DoubleSupplier loss = () -> {
            INDArray h = Nd4j.create(DataType.DOUBLE, 3, 5), sig = Nd4j.create(DataType.DOUBLE, 3, 5);
            Nd4jSwiGlu.forward(h, sig, gate, up);
            return dot(h, r);
        };
        INDArray h = Nd4j.create(DataType.DOUBLE, 3, 5), sig = Nd4j.create(DataType.DOUBLE, 3, 5);
        Nd4jSwiGlu.forward(h, sig, gate, up);
        INDArray dgate = Nd4j.create(DataType.DOUBLE, 3, 5), dup = Nd4j.create(DataType.DOUBLE, 3, 5);
        Nd4jSwiGlu.backward(dgate, dup, r, gate, up, sig);
        GradCheck.check("swiglu gate", gate, dgate, loss, 100, TOL, 11);
        GradCheck.check("swiglu up", up, dup, loss, 100, TOL, 13);
    }

    @Test
    void logProbHeadWithTemperature() {
        int M = 4, V = 7;
        double temperature = 0.6;
        INDArray logits = randn(M, V), r = randn(M);
        INDArray targets = Nd4j.createFromArray(0L * V + 3, 1L * V + 0, 2L * V + 6, 3L * V + 3);
        DoubleSupplier loss = () -> {
            INDArray[] out = Nd4jLogProbHead.forward(Nd4j.create(DataType.DOUBLE, M, V), logits.dup(), targets, temperature);
            return dot(out[0], r);
        };
        INDArray probs = Nd4j.create(DataType.DOUBLE, M, V);
        Nd4jLogProbHead.forward(probs, logits.dup(), targets, temperature);
        INDArray dlogits = Nd4j.create(DataType.DOUBLE, M, V);
        Nd4jLogProbHead.backward(dlogits, r, probs, targets, temperature);
        GradCheck.check("logprob head", logits, dlogits, loss, 100, TOL, 12);
    }
}
