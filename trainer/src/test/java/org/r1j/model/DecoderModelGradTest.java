package org.r1j.model;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Whole-model backward against finite differences: loss = sum over completion tokens of logprob * r. */
class DecoderModelGradTest {
    static ModelConfig tinyConfig(boolean tied) {
        return new ModelConfig(11, 8, 12, 2, 2, 1, 1e-6, 10000, 32, tied, true, "qwen2", -1, -1);
    }

    /** Random weights everywhere (biases and norm gains too), so every path carries gradient. */
    static DecoderModel randomDouble(ModelConfig c, long seed) {
        if (true) return DecoderGradSupport.randomWeights(c, seed, DataType.DOUBLE);
        DecoderModel m = DecoderModel.random(c, seed, DataType.DOUBLE);
        var rng = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1);
        for (String name : m.parameters().names()) {
            INDArray w = m.parameters().weight(name);
            INDArray r = Nd4j.randn(rng, w.shape()).castTo(DataType.DOUBLE);
            if (name.endsWith("norm.weight")) w.assign(r.muli(0.2).addi(1));
            else w.assign(r.muli(0.4));
        }
        return m;
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
        INDArray first = model.parameters().flatGrads().dup();
        model.zeroGrad();
        try (ForwardPass fp = model.forward(batch, temperature, true)) {
            fp.backward(r);
        }
        org.junit.jupiter.api.Assertions.assertEquals(0.0,
                first.sub(model.parameters().flatGrads()).amaxNumber().doubleValue(), 1e-14, "second pass differs");
        java.util.function.DoubleSupplier loss = () -> {
            try (ForwardPass fp = model.forward(batch, temperature, false)) {
                return ((DecoderForwardPass) fp).weightedSum(r);
            }
        };
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (String name : model.parameters().names()) {
            try {
                GradCheck.check(name, model.parameters().weight(name), model.parameters().grad(name), loss, 8, 1e-5,
                        name.hashCode());
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
