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
     * f32 on the CPU backend decodes through {@link HostDecodeAttention}; it must give the op path's logits (the
     * f64 test above checks the op path against eager decoding). Head sizes 12 and 20 cover full SIMD vectors plus a
     * scalar tail, and 4 a tail alone; three query heads per KV head; padded rows; a re-prefilled cache.
     */
    @Test
    void hostAttentionMatchesOpAttention() {
        assertTrue(org.r1j.model.layers.HostKernels.available(DataType.FLOAT),
                "this JVM cannot run HostDecodeAttention (needs the CPU backend and --add-modules jdk.incubator.vector)");
        for (int[] shape : new int[][] {{36, 3, 1}, {60, 3, 1}, {24, 6, 2}}) {   // hidden, heads, KV heads
            ModelConfig c = new ModelConfig(31, shape[0], 40, 2, shape[1], shape[2], 1e-6, 10000, 256, true, true, "qwen2", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 7, DataType.FLOAT);
            Random rnd = new Random(11);
            int B = 4, P = 7, steps = DecodeStep.BUCKET + 9;
            int[] lengths = {7, 3, 1, 7};
            try (KvCache host = model.newCache(B, P + steps + 1); KvCache ops = model.newCache(B, P + steps + 1);
                 KvCache eag = model.newCache(B, P + steps + 1)) {
                for (int round = 0; round < 2; round++) {
                    int[][] prompts = new int[B][P];
                    for (int[] row : prompts) for (int t = 0; t < P; t++) row[t] = rnd.nextInt(c.vocabSize());
                    model.prefill(host, prompts, lengths);
                    model.prefill(ops, prompts, lengths);
                    model.prefill(eag, prompts, lengths);
                    double base = 0;
                    ((DecoderKvCache) ops).step = new DecodeStep(model, (DecoderKvCache) ops, false);
                    double worst = 0, scale = 0;
                    for (int s = 0; s < steps; s++) {
                        int[] next = new int[B];
                        for (int r = 0; r < B; r++) next[r] = rnd.nextInt(c.vocabSize());
                        INDArray a = model.decode(host, next), b = model.decode(ops, next);
                        base = Math.max(base, model.decodeEager(eag, next).sub(b).amaxNumber().doubleValue());
                        worst = Math.max(worst, a.sub(b).amaxNumber().doubleValue());
                        scale = Math.max(scale, b.amaxNumber().doubleValue());
                    }
                    System.out.printf("host attention (hidden %d, %d/%d heads, round %d): max |logit diff| vs ops %.3g (logits up to %.3g; f32 ops vs f32 eager, for scale: %.3g)%n",
                            shape[0], shape[1], shape[2], round, worst, scale, base);
                    assertTrue(scale > 0.1, "degenerate logits");
                    assertTrue(worst < 1e-5 * Math.max(1, scale), "host attention differs from the op path by " + worst);
                    // the host path wrote every slot into ND4J's cache too: an eager step from there agrees
                    INDArray e = model.decodeEager(host, new int[B]);
                    INDArray f = model.decode(ops, new int[B]);
                    model.decodeEager(eag, new int[B]);
                    assertTrue(e.sub(f).amaxNumber().doubleValue() < 1e-5 * Math.max(1, scale), "the cache the host path left differs");
                }
            }
        }
    }
}
