package org.r1j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bound decoding step ({@link DecodeStep}) gives the eager layer code's logits step after step: across
 * attention-length buckets, with left padding, with and without q/k/v bias, and after the cache is prefilled again.
 */
class DecodeStepTest {
    @Test
    void boundStepMatchesEagerDecodingAcrossBuckets() {
        for (boolean qwen : new boolean[] {true, false}) {
            ModelConfig c = new ModelConfig(29, 24, 40, 2, 6, 2, 1e-6, 10000, 256, qwen, qwen, qwen ? "qwen2" : "llama", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 5, DataType.DOUBLE);
            Random rnd = new Random(3);
            int B = 3, P = 9, steps = DecodeStep.BUCKET + 20;    // crosses one bucket boundary
            int[] lengths = {9, 4, 1};
            try (KvCache fast = model.newCache(B, P + steps + 1); KvCache eager = model.newCache(B, P + steps + 1)) {
                for (int round = 0; round < 2; round++) {        // round 2: the same caches prefilled again
                    int[][] prompts = new int[B][P];
                    for (int[] row : prompts) for (int t = 0; t < P; t++) row[t] = rnd.nextInt(c.vocabSize());
                    INDArray a = model.prefill(fast, prompts, lengths), b = model.prefill(eager, prompts, lengths);
                    double worst = 0;
                    for (int s = 0; s < steps; s++) {
                        int[] next = new int[B];
                        for (int r = 0; r < B; r++) next[r] = rnd.nextInt(c.vocabSize());
                        a = model.decode(fast, next);
                        b = model.decodeEager(eager, next);
                        worst = Math.max(worst, a.sub(b).amaxNumber().doubleValue());
                    }
                    assertEquals(P + steps, fast.length());
                    System.out.printf("decode step (%s, round %d): max |logit diff| vs eager %.3g over %d steps%n",
                            c.modelType(), round, worst, steps);
                    assertTrue(worst < 1e-10, c.modelType() + ": bound decoding differs from eager by " + worst);
                }
            }
        }
    }
}
