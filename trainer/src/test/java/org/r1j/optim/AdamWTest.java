package org.r1j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.backend.simd.SimdBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.Parameters;
import org.r1j.model.io.HostArray;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/** AdamW steps against values computed by hand with PyTorch's formula; clipping; state save/restore. */
class AdamWTest {
    private static final Nd4jBackend BE = Nd4jBackend.INSTANCE;

    /** Two tensors: a (2, 2) matrix (decays) and a (2) bias (does not). */
    static final class TwoParams implements Parameters {
        final Map<String, INDArray> w = new LinkedHashMap<>(), g = new LinkedHashMap<>();

        TwoParams(double[] mat, double[] bias, double[] gMat, double[] gBias) {
            w.put("m.weight", Nd4j.create(mat, new long[] {2, 2}, 'c'));
            w.put("m.bias", Nd4j.create(bias, new long[] {2}, 'c'));
            g.put("m.weight", Nd4j.create(gMat, new long[] {2, 2}, 'c'));
            g.put("m.bias", Nd4j.create(gBias, new long[] {2}, 'c'));
        }

        @Override public List<String> names() { return List.copyOf(w.keySet()); }
        @Override public Tensor weight(String name) { return BE.wrap(w.get(name)); }
        @Override public Tensor grad(String name) { return BE.wrap(g.get(name)); }
        @Override public Backend backend() { return BE; }
    }

    /** PyTorch AdamW for one scalar over the given gradients. */
    static double reference(double w, double[] grads, double lr, double b1, double b2, double eps, double wd) {
        double m = 0, v = 0;
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            w -= lr * wd * w;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mhat = m / (1 - Math.pow(b1, t)), vhat = v / (1 - Math.pow(b2, t));
            w -= lr * mhat / (Math.sqrt(vhat) + eps);
        }
        return w;
    }

    @Test
    void twoStepsMatchHandComputedValues() {
        TwoParams p = new TwoParams(new double[] {1, -2, 0.5, 3}, new double[] {0.1, -0.1},
                new double[] {0.1, 0.2, -0.3, 0.0}, new double[] {1.0, -0.5});
        AdamWConfig cfg = new AdamWConfig(0.1, 0.9, 0.99, 1e-8, 0.1);
        AdamW opt = new AdamW(p, Nd4jBackend.INSTANCE, cfg);
        opt.step();
        // first step: m-hat = g, v-hat = g^2, so w - lr*wd*w - lr*sign(g) (for g != 0)
        assertEquals(1 - 0.01 - 0.1, p.w.get("m.weight").getDouble(0, 0), 1e-7); // eps shifts it by ~1e-8
        assertEquals(3 - 0.1 * 0.1 * 3, p.w.get("m.weight").getDouble(1, 1), 1e-9); // zero gradient: only decay
        assertEquals(0.1 - 0.1, p.w.get("m.bias").getDouble(0), 1e-7);    // bias: no decay
        p.g.get("m.weight").assign(Nd4j.create(new double[] {-0.2, 0.4, 0.1, 1.0}, new long[] {2, 2}, 'c'));
        p.g.get("m.bias").assign(Nd4j.create(new double[] {0.5, 0.5}, new long[] {2}, 'c'));
        opt.step();
        double[] w0 = {1, -2, 0.5, 3}, g1 = {0.1, 0.2, -0.3, 0.0}, g2 = {-0.2, 0.4, 0.1, 1.0};
        for (int i = 0; i < 4; i++) {
            double want = reference(w0[i], new double[] {g1[i], g2[i]}, 0.1, 0.9, 0.99, 1e-8, 0.1);
            assertEquals(want, p.w.get("m.weight").getDouble(i / 2, i % 2), 1e-9, "weight " + i);
        }
        assertEquals(reference(-0.1, new double[] {-0.5, 0.5}, 0.1, 0.9, 0.99, 1e-8, 0), p.w.get("m.bias").getDouble(1), 1e-9);
        assertEquals(2, opt.stepCount());
    }

    @Test
    void stateRoundTripsAndContinuesIdentically() {
        double[] mat = {1, -2, 0.5, 3}, bias = {0.1, -0.1}, gm = {0.1, 0.2, -0.3, 0.05}, gb = {1.0, -0.5};
        TwoParams a = new TwoParams(mat, bias, gm, gb), b = new TwoParams(mat, bias, gm, gb);
        AdamW optA = new AdamW(a, Nd4jBackend.INSTANCE, AdamWConfig.of(0.01));
        optA.step();
        Map<String, HostArray> state = optA.stateDict();
        b.w.get("m.weight").assign(a.w.get("m.weight"));
        b.w.get("m.bias").assign(a.w.get("m.bias"));
        AdamW optB = new AdamW(b, Nd4jBackend.INSTANCE, AdamWConfig.of(0.01));
        optB.loadStateDict(state);
        optA.step();
        optB.step();
        assertArrayEquals(a.w.get("m.weight").reshape(4).toDoubleVector(), b.w.get("m.weight").reshape(4).toDoubleVector(), 0);
        state.remove("exp_avg_sq.m.bias");
        var e = assertThrows(IllegalArgumentException.class, () -> optB.loadStateDict(state));
        assertEquals("optimizer state is missing 'exp_avg_sq.m.bias'", e.getMessage());
    }

    @Test
    void clipScalesToMaxNormAndReturnsPreClipNorm() {
        TwoParams p = new TwoParams(new double[4], new double[2], new double[] {3, 0, 0, 0}, new double[] {0, 4});
        assertEquals(5.0, GradClip.clip(p, Nd4jBackend.INSTANCE, 1.0), 1e-12);
        assertEquals(1.0, GradClip.globalNorm(p, Nd4jBackend.INSTANCE), 1e-6);
        assertEquals(0.6, p.g.get("m.weight").getDouble(0, 0), 1e-6);
        assertEquals(1.0, GradClip.clip(p, Nd4jBackend.INSTANCE, 10.0), 1e-6); // under the limit: unchanged
        assertEquals(0.8, p.g.get("m.bias").getDouble(1), 1e-6);
    }

    @Test
    void floatTensorsWork() {
        TwoParams p = new TwoParams(new double[] {1, 1, 1, 1}, new double[] {0, 0}, new double[] {1, 1, 1, 1}, new double[] {1, 1});
        p.w.replaceAll((k, v) -> v.castTo(DataType.FLOAT));
        p.g.replaceAll((k, v) -> v.castTo(DataType.FLOAT));
        new AdamW(p, Nd4jBackend.INSTANCE, new AdamWConfig(0.5, 0.9, 0.999, 1e-8, 0)).step();
        assertEquals(0.5, p.w.get("m.weight").getFloat(0, 0), 1e-6);
    }

    /**
     * The simd backend's f32 update (SimdAdamW): after five steps with weight decay, a
     * (50, 47) matrix (more than one heap chunk, a SIMD tail) and a (13) bias (no decay) match the f64 op path.
     */
    @Test
    void simdUpdateMatchesTheNd4jF64Update() {
        Nd4j.getRandom().setSeed(4);
        Map<String, INDArray> w64 = new LinkedHashMap<>(), g64 = new LinkedHashMap<>();
        w64.put("m.weight", Nd4j.randn(DataType.DOUBLE, 50, 47));
        w64.put("m.bias", Nd4j.randn(DataType.DOUBLE, 13));
        Map<String, INDArray> w32 = new LinkedHashMap<>(), g32 = new LinkedHashMap<>();
        w64.forEach((k, x) -> {
            w32.put(k, x.castTo(DataType.FLOAT));
            g64.put(k, x.ulike());
            g32.put(k, Nd4j.create(DataType.FLOAT, x.shape()));
        });
        AdamWConfig config = new AdamWConfig(0.01, 0.9, 0.95, 1e-8, 0.1);
        AdamW exact = new AdamW(params(w64, g64), Nd4jBackend.INSTANCE, config),
                host = new AdamW(params(w32, g32), SimdBackend.INSTANCE, config);
        for (int step = 0; step < 5; step++) {
            for (String k : w64.keySet()) {
                INDArray grad = Nd4j.randn(DataType.DOUBLE, w64.get(k).shape()).muli(step + 1);
                g64.get(k).assign(grad);
                g32.get(k).assign(grad.castTo(DataType.FLOAT));
            }
            exact.step();
            host.step();
        }
        for (String k : w64.keySet()) {
            double worst = w32.get(k).castTo(DataType.DOUBLE).sub(w64.get(k)).amaxNumber().doubleValue();
            System.out.printf("simd AdamW %s: max |w - w(f64)| after 5 steps %.3g%n", k, worst);
            assertEquals(0, worst, 2e-6, k);
        }
        HostArray v32 = host.stateDict().get("exp_avg_sq.m.weight"), v64 = exact.stateDict().get("exp_avg_sq.m.weight");
        assertEquals(DataType.FLOAT, v32.dtype());
        assertEquals(DataType.DOUBLE, v64.dtype());
        for (int i = 0; i < v64.length(); i++) assertEquals(v64.getDouble(i), v32.getDouble(i), 1e-4, "exp_avg_sq " + i);
    }

    private static Parameters params(Map<String, INDArray> w, Map<String, INDArray> g) {
        return new Parameters() {
            @Override public List<String> names() { return List.copyOf(w.keySet()); }
            @Override public Tensor weight(String name) { return BE.wrap(w.get(name)); }
            @Override public Tensor grad(String name) { return BE.wrap(g.get(name)); }
            @Override public Backend backend() { return BE; }
        };
    }
}
