package org.r1j.model;

import org.r1j.model.backend.nd4j.HostArrays;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.r1j.model.backend.BackendCases;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whole-model backward against finite differences: loss = sum over completion tokens of logprob * r. */
class DecoderModelGradTest {
    static ModelConfig tinyConfig(boolean tied) {
        return new ModelConfig(11, 8, 12, 2, 2, 1, 1e-6, 10000, 32, tied, true, "qwen2", -1, -1);
    }

    /** Random weights everywhere (biases and norm gains too), so every path carries gradient; nd4j f64. */
    static DecoderModel randomDouble(ModelConfig c, long seed) {
        return DecoderGradSupport.randomWeights(c, seed, DataType.DOUBLE, Nd4jBackend.INSTANCE);
    }

    /**
     * Finite differences need f64, which only nd4j computes in (above); every f32 backend's gradients must then
     * match those f64 gradients (checked there) on the same weights to f32 precision — on sequences of 70 positions,
     * so the chunked causal attention and the SIMD tails are in the backward pass too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.r1j.model.backend.BackendCases#f32")
    void f32GradientsMatchTheCheckedF64Gradients(BackendCases bc) {
        ModelConfig c = new ModelConfig(23, 16, 24, 2, 4, 2, 1e-6, 10000, 128, false, true, "qwen2", -1, -1);
        DecoderModel exact = randomDouble(c, 9);
        DecoderModel f32 = new DecoderModel(c, exact.stateDict(), DataType.FLOAT, bc.backend());
        Random rnd = new Random(5);
        int B = 3, T = 70;
        int[][] tokens = new int[B][T];
        for (int[] row : tokens) for (int t = 0; t < T; t++) row[t] = rnd.nextInt(c.vocabSize());
        TokenBatch batch = new TokenBatch(tokens, new int[] {5, 1, 30}, new int[] {70, 64, 41});
        float[][] r = new float[B][];
        for (int b = 0; b < B; b++) {
            r[b] = new float[batch.completionLength(b)];
            for (int j = 0; j < r[b].length; j++) r[b][j] = (float) rnd.nextGaussian();
        }
        for (DecoderModel m : new DecoderModel[] {exact, f32}) {
            m.zeroGrad();
            try (ForwardPass fp = m.forward(batch, 0.7f, true)) {
                fp.backward(r);
            }
        }
        double worst = 0;
        String worstName = "";
        for (String name : exact.parameters().names()) {
            INDArray want = HostArrays.of(exact.parameters().grad(name)), got = HostArrays.of(f32.parameters().grad(name)).castTo(DataType.DOUBLE);
            double rel = got.sub(want).amaxNumber().doubleValue() / Math.max(1e-12, want.amaxNumber().doubleValue());
            if (rel > worst) { worst = rel; worstName = name; }
        }
        System.out.printf("gradients %s vs nd4j f64: worst relative error %.3g (%s)%n", bc, worst, worstName);
        org.junit.jupiter.api.Assertions.assertTrue(worst < 1e-3, bc + ": " + worstName + " off by " + worst + " relative");
    }

    @ParameterizedTest(name = "tied={0}")
    @ValueSource(booleans = {true, false})
    void everyParameterGradientMatchesFiniteDifferences(boolean tied) {
        ModelConfig c = tinyConfig(tied);
        DecoderModel model = randomDouble(c, 7);
        TokenBatch batch = new TokenBatch(new int[][] {{1, 4, 2, 9, 3, 5}, {7, 3, 10, 0, -1, -1}},
                new int[] {2, 1}, new int[] {6, 4});
        float temperature = 0.7f;
        Random rnd = new Random(3);
        float[][] r = new float[2][];
        for (int b = 0; b < 2; b++) {
            r[b] = new float[batch.completionLength(b)];
            for (int j = 0; j < r[b].length; j++) r[b][j] = (float) rnd.nextGaussian();
        }
        model.zeroGrad();
        try (ForwardPass fp = model.forward(batch, temperature, true)) {
            fp.backward(r);
        }
        // a second pass reuses the pooled buffers (stale contents) and must give the same gradients
        INDArray first = HostArrays.of(model.parameters().flatGrads()).dup();
        model.zeroGrad();
        try (ForwardPass fp = model.forward(batch, temperature, true)) {
            fp.backward(r);
        }
        org.junit.jupiter.api.Assertions.assertEquals(0.0,
                first.sub(HostArrays.of(model.parameters().flatGrads())).amaxNumber().doubleValue(), 1e-14, "second pass differs");
        java.util.function.DoubleSupplier loss = () -> {
            try (ForwardPass fp = model.forward(batch, temperature, false)) {
                return ((DecoderForwardPass) fp).weightedSum(r);
            }
        };
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (String name : model.parameters().names()) {
            try {
                GradCheck.check(name, HostArrays.of(model.parameters().weight(name)), HostArrays.of(model.parameters().grad(name)), loss, 8, 1e-5,
                        name.hashCode());
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The entropy bonus's path: loss = Σ logprob·r + Σ entropy·e, every parameter against finite differences (to
     * 1e-4: the smallest gradients here, ~1e-4, sit near the central difference's rounding).
     */
    @org.junit.jupiter.api.Test
    void entropyGradientMatchesFiniteDifferences() {
        DecoderModel model = randomDouble(tinyConfig(false), 11);
        TokenBatch batch = new TokenBatch(new int[][] {{1, 4, 2, 9, 3, 5}, {7, 3, 10, 0, -1, -1}},
                new int[] {2, 1}, new int[] {6, 4});
        float temperature = 0.8f;
        Random rnd = new Random(4);
        float[][] r = new float[2][], e = new float[2][];
        for (int b = 0; b < 2; b++) {
            r[b] = new float[batch.completionLength(b)];
            e[b] = new float[batch.completionLength(b)];
            for (int j = 0; j < r[b].length; j++) {
                r[b][j] = (float) rnd.nextGaussian();
                e[b][j] = (float) rnd.nextGaussian();
            }
        }
        model.zeroGrad();
        try (ForwardPass fp = model.forward(batch, temperature, true)) {
            fp.backward(r, e);
        }
        java.util.function.DoubleSupplier loss = () -> {
            try (ForwardPass fp = model.forward(batch, temperature, false)) {
                DecoderForwardPass d = (DecoderForwardPass) fp;
                return d.weightedSum(r) + d.weightedEntropySum(e);
            }
        };
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (String name : model.parameters().names()) {
            try {
                GradCheck.check(name, HostArrays.of(model.parameters().weight(name)), HostArrays.of(model.parameters().grad(name)), loss, 8, 1e-4,
                        name.hashCode());
            } catch (AssertionError err) {
                failures.add(err.getMessage());
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
