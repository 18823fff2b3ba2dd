package org.r1j.model;

import org.r1j.model.backend.nd4j.HostArrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.r1j.model.backend.BackendCases;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Prefill + decode with a KV cache gives the logits of recomputing each row's whole sequence alone. */
class KvCacheTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.r1j.model.backend.BackendCases#all")
    void leftPaddedPrefillAndDecodeMatchFullRecompute(BackendCases bc) {
        {
            DataType dtype = bc.dtype();
            double tol = bc.f64() ? 1e-9 : 2e-4;
            ModelConfig c = new ModelConfig(13, 16, 24, 2, 4, 2, 1e-6, 10000, 64, true, true, "qwen2", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 11, dtype, bc.backend());
            // three prompts of lengths 5, 2, 4, left-padded to 5 (padding ids are arbitrary)
            int[][] prompts = {{3, 1, 4, 1, 5}, {12, 12, 12, 9, 2}, {0, 6, 5, 3, 5}};
            int[] promptLengths = {5, 2, 4};
            int[][] generated = {{7, 0, 3}, {1, 2, 8}, {11, 4, 4}};
            int B = 3, steps = 3;
            double maxDiff = 0;
            try (KvCache cache = model.newCache(B, 16)) {
                INDArray logits = HostArrays.of(model.prefill(cache, prompts, promptLengths));
                for (int step = 0; step <= steps; step++) {
                    assertEquals(5 + step, cache.length());
                    for (int b = 0; b < B; b++) {
                        int[] seq = new int[promptLengths[b] + step];
                        System.arraycopy(prompts[b], 5 - promptLengths[b], seq, 0, promptLengths[b]);
                        System.arraycopy(generated[b], 0, seq, promptLengths[b], step);
                        INDArray full = HostArrays.of(model.logits(new int[][] {seq}, new int[] {seq.length}));
                        INDArray expected = full.get(NDArrayIndex.point(0), NDArrayIndex.point(seq.length - 1), NDArrayIndex.all());
                        INDArray actual = logits.getRow(b);
                        maxDiff = Math.max(maxDiff, expected.sub(actual).amaxNumber().doubleValue());
                    }
                    if (step < steps) {
                        int[] next = new int[B];
                        for (int b = 0; b < B; b++) next[b] = generated[b][step];
                        logits = HostArrays.of(model.decode(cache, next));
                    }
                }
            }
            System.out.printf("kv-cache %s: max |logit diff| %.3g%n", bc, maxDiff);
            assertTrue(maxDiff < tol, bc + " cached logits differ from full recompute by " + maxDiff);
        }
    }

    /** GRPO's G copies of one prompt are prefilled once and copied; the cache then decodes like a plain prefill. */
    @Test
    void repeatedPromptsArePrefilledOnceWithTheSameResult() {
        ModelConfig c = new ModelConfig(13, 16, 24, 2, 4, 2, 1e-6, 10000, 64, true, true, "qwen2", -1, -1);
        DecoderModel model = DecoderGradSupport.randomWeights(c, 7, DataType.DOUBLE);
        // rows 0, 2, 3 share a prompt; row 1 differs only in its first token, row 4 only in its padding
        int[][] prompts = {{0, 6, 5, 3}, {7, 6, 5, 3}, {0, 6, 5, 3}, {0, 6, 5, 3}, {0, 6, 5, 3}};
        int[] lengths = {4, 4, 4, 4, 3};
        int[][] steps = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 0, 1, 2}};
        try (KvCache shared = model.newCache(5, 10)) {
            INDArray got = HostArrays.of(model.prefill(shared, prompts, lengths));
            assertEquals(3, model.prefilledRows, "rows 0, 2, 3 are one prompt");
            INDArray[] gotSteps = new INDArray[steps.length];
            for (int s = 0; s < steps.length; s++) gotSteps[s] = HostArrays.of(model.decode(shared, steps[s]));
            assertEquals(4 + steps.length, shared.length());
            for (int b = 0; b < 5; b++) {
                try (KvCache alone = model.newCache(1, 10)) {   // the row by itself: nothing to share
                    INDArray want = HostArrays.of(model.prefill(alone, new int[][] {prompts[b]}, new int[] {lengths[b]}));
                    assertClose(want.getRow(0), got.getRow(b), "prefill, row " + b);
                    for (int s = 0; s < steps.length; s++) {
                        want = HostArrays.of(model.decode(alone, new int[] {steps[s][b]}));
                        assertClose(want.getRow(0), gotSteps[s].getRow(b), "decode step " + s + ", row " + b);
                    }
                }
            }
        }
    }

    private static void assertClose(INDArray want, INDArray got, String what) {
        double diff = want.sub(got).amaxNumber().doubleValue();
        assertTrue(diff < 1e-12, what + ": logits differ by " + diff);
    }
}
