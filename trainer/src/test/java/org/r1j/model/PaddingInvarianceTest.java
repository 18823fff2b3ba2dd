package org.r1j.model;

import org.r1j.model.backend.nd4j.HostArrays;
import org.r1j.model.io.HostArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A row's log-probs do not depend on the other rows or on what fills its padding; bad input is named. */
class PaddingInvarianceTest {
    private final ModelConfig c = new ModelConfig(13, 16, 24, 2, 4, 2, 1e-6, 10000, 64, false, true, "qwen2", -1, -1);

    @Test
    void rowLogprobsIgnoreOtherRowsAndPadding() {
        DecoderModel model = DecoderGradSupport.randomWeights(c, 5, DataType.DOUBLE);
        int[] row = {2, 7, 1, 9, 4};
        float[] alone;
        float[] aloneEntropy;
        try (ForwardPass fp = model.forward(new TokenBatch(new int[][] {row}, new int[] {2}, new int[] {5}), 0.9f, false)) {
            alone = fp.logprobs()[0];
            aloneEntropy = fp.entropies()[0];
        }
        assertEquals(3, alone.length);
        int[][] tokens = {{5, 5, 5, 1, 2, 3, 4, 6, 8}, {2, 7, 1, 9, 4, 12, 12, 12, 12}, {0, 1, 2, -1, -1, -1, -1, -1, -1}};
        try (ForwardPass fp = model.forward(new TokenBatch(tokens, new int[] {3, 2, 1}, new int[] {9, 5, 3}), 0.9f, false)) {
            assertArrayEquals(alone, fp.logprobs()[1], 1e-6f);
            assertArrayEquals(aloneEntropy, fp.entropies()[1], 1e-6f);
            assertEquals(6, fp.logprobs()[0].length);
            assertEquals(2, fp.logprobs()[2].length);
            for (float lp : fp.logprobs()[0]) assertTrue(lp < 0 && Float.isFinite(lp));
        }
    }

    @Test
    void checkpointErrorsNameTheTensor() {
        Map<String, HostArray> weights = new HashMap<>(DecoderModel.random(c, 1).stateDict());
        weights.remove("model.layers.1.mlp.up_proj.weight");
        var missing = assertThrows(IllegalArgumentException.class, () -> new DecoderModel(c, weights));
        assertTrue(missing.getMessage().contains("model.layers.1.mlp.up_proj.weight"), missing.getMessage());
        weights.put("model.layers.1.mlp.up_proj.weight", HostArray.of(new float[48], 3, 16));
        var shape = assertThrows(IllegalArgumentException.class, () -> new DecoderModel(c, weights));
        assertTrue(shape.getMessage().contains("[3, 16]") && shape.getMessage().contains("[24, 16]"), shape.getMessage());
    }

    @Test
    void stateDictRoundTripsAndCopiesAreIndependent() {
        DecoderModel a = DecoderModel.random(c, 3);
        DecoderModel b = new DecoderModel(c, a.stateDict());
        DecoderModel copy = a.copy();
        int[][] t = {{1, 2, 3, 4}};
        assertEquals(0, HostArrays.of(a.logits(t, new int[] {4})).sub(HostArrays.of(b.logits(t, new int[] {4}))).amaxNumber().doubleValue(), 0);
        HostArrays.of(a.parameters().weight("model.norm.weight")).muli(2);
        assertEquals(0, HostArrays.of(copy.logits(t, new int[] {4})).sub(HostArrays.of(b.logits(t, new int[] {4}))).amaxNumber().doubleValue(), 0);
        assertEquals(new long[] {24, 16}[0], a.stateDict().get("model.layers.0.mlp.gate_proj.weight").shape()[0]);
    }

    @Test
    void badTokensAreRejectedWithPosition() {
        DecoderModel model = DecoderModel.random(c, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(new TokenBatch(new int[][] {{1, 99, 2}}, new int[] {1}, new int[] {3}), 1f, false));
        assertTrue(e.getMessage().contains("99") && e.getMessage().contains("position 1"), e.getMessage());
    }
}
