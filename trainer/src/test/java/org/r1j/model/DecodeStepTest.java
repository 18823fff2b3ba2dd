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

    /**
     * f32 on the CPU backend decodes through host kernels ({@link HostDecodeAttention}, {@link HostColumnOps}). Against
     * the f64 op path (checked against eager decoding above) on the same weights, their logits must be as close as
     * the f32 op path's: f32 rounding, not a different result. Head sizes 12 and 20 cover full SIMD vectors plus a
     * scalar tail, and 4 a tail alone; three query heads per KV head; 11 rows (the column ops vectorize over rows);
     * padded rows; a re-prefilled cache; then an eager step from the cache the host kernels wrote.
     */
    @Test
    void hostKernelsMatchOpPath() {
        assertTrue(org.r1j.model.layers.HostKernels.available(DataType.FLOAT),
                "this JVM cannot run host kernels (needs the CPU backend and --add-modules jdk.incubator.vector)");
        for (int[] shape : new int[][] {{36, 3, 1}, {60, 3, 1}, {24, 6, 2}}) {   // hidden, heads, KV heads
            ModelConfig c = new ModelConfig(31, shape[0], 40, 2, shape[1], shape[2], 1e-6, 10000, 256, true, true, "qwen2", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 7, DataType.FLOAT);
            DecoderModel exact = DecoderModel.random(c, 7, DataType.DOUBLE);
            exact.parameters().flatWeights().assign(model.parameters().flatWeights());
            Random rnd = new Random(11);
            int B = 11, P = 7, steps = DecodeStep.BUCKET + 9;          // 11 rows: a full SIMD vector and a tail
            int[] lengths = {7, 3, 1, 7, 5, 2, 6, 4, 7, 1, 3};
            try (KvCache host = model.newCache(B, P + steps + 2); KvCache ops = model.newCache(B, P + steps + 2);
                 KvCache ref = exact.newCache(B, P + steps + 2)) {
                for (int round = 0; round < 2; round++) {
                    int[][] prompts = new int[B][P];
                    for (int[] row : prompts) for (int t = 0; t < P; t++) row[t] = rnd.nextInt(c.vocabSize());
                    model.prefill(host, prompts, lengths);
                    model.prefill(ops, prompts, lengths);
                    exact.prefill(ref, prompts, lengths);
                    ((DecoderKvCache) ops).step = new DecodeStep(model, (DecoderKvCache) ops, false);
                    double hostErr = 0, opsErr = 0, scale = 0;
                    for (int s = 0; s <= steps; s++) {
                        int[] next = new int[B];
                        for (int r = 0; r < B; r++) next[r] = rnd.nextInt(c.vocabSize());
                        // the last step runs eagerly from the cache the host kernels wrote
                        INDArray a = s < steps ? model.decode(host, next) : model.decodeEager(host, next);
                        INDArray b = model.decode(ops, next), e = exact.decode(ref, next);
                        hostErr = Math.max(hostErr, a.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue());
                        opsErr = Math.max(opsErr, b.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue());
                        scale = Math.max(scale, e.amaxNumber().doubleValue());
                    }
                    System.out.printf("host kernels (hidden %d, %d/%d heads, round %d): max |logit error| vs f64 %.3g;"
                            + " f32 op path %.3g (logits up to %.3g)%n", shape[0], shape[1], shape[2], round, hostErr, opsErr, scale);
                    assertTrue(scale > 0.1, "degenerate logits");
                    assertTrue(hostErr < Math.max(3 * opsErr, 1e-6 * scale),
                            "host kernels are off by " + hostErr + " where the f32 op path is off by " + opsErr);
                }
            }
        }
    }
}
