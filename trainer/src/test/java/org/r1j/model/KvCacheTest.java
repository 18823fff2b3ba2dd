package org.r1j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Prefill + decode with a KV cache gives the logits of recomputing each row's whole sequence alone. */
class KvCacheTest {
    @Test
    void leftPaddedPrefillAndDecodeMatchFullRecompute() {
        for (DataType dtype : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tol = dtype == DataType.DOUBLE ? 1e-9 : 2e-4;
            ModelConfig c = new ModelConfig(13, 16, 24, 2, 4, 2, 1e-6, 10000, 64, true, true, "qwen2", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 11, dtype);
            // three prompts of lengths 5, 2, 4, left-padded to 5 (padding ids are arbitrary)
            int[][] prompts = {{3, 1, 4, 1, 5}, {12, 12, 12, 9, 2}, {0, 6, 5, 3, 5}};
            int[] promptLengths = {5, 2, 4};
            int[][] generated = {{7, 0, 3}, {1, 2, 8}, {11, 4, 4}};
            int B = 3, steps = 3;
            double maxDiff = 0;
            try (KvCache cache = model.newCache(B, 16)) {
                INDArray logits = model.prefill(cache, prompts, promptLengths);
                for (int step = 0; step <= steps; step++) {
                    assertEquals(5 + step, cache.length());
                    for (int b = 0; b < B; b++) {
                        int[] seq = new int[promptLengths[b] + step];
                        System.arraycopy(prompts[b], 5 - promptLengths[b], seq, 0, promptLengths[b]);
                        System.arraycopy(generated[b], 0, seq, promptLengths[b], step);
                        INDArray full = model.logits(new int[][] {seq}, new int[] {seq.length});
                        INDArray expected = full.get(NDArrayIndex.point(0), NDArrayIndex.point(seq.length - 1), NDArrayIndex.all());
                        INDArray actual = logits.getRow(b);
                        maxDiff = Math.max(maxDiff, expected.sub(actual).amaxNumber().doubleValue());
                    }
                    if (step < steps) {
                        int[] next = new int[B];
                        for (int b = 0; b < B; b++) next[b] = generated[b][step];
                        logits = model.decode(cache, next);
                    }
                }
            }
            System.out.printf("kv-cache %s: max |logit diff| %.3g%n", dtype, maxDiff);
            assertTrue(maxDiff < tol, dtype + " cached logits differ from full recompute by " + maxDiff);
        }
    }
}
