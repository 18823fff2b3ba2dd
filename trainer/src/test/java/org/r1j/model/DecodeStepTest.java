package org.r1j.model;

import org.r1j.model.backend.nd4j.HostArrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.r1j.model.backend.BackendCases;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.backend.simd.SimdBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each backend's decoding step ({@code Backend.decodeStep}) gives the eager layer code's logits (the same backend's
 * ops at T = 1) step after step: across attention-length buckets, with left padding, with and without q/k/v bias,
 * and after the cache is prefilled again.
 */
class DecodeStepTest {
    private static final int BUCKET = 16; // Nd4jDecodeStep's attention-length granularity

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.r1j.model.backend.BackendCases#all")
    void decodeStepMatchesEagerDecodingAcrossBuckets(BackendCases bc) {
        for (boolean qwen : new boolean[] {true, false}) {
            ModelConfig c = new ModelConfig(29, 24, 40, 2, 6, 2, 1e-6, 10000, 256, qwen, qwen, qwen ? "qwen2" : "llama", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 5, bc.dtype(), bc.backend());
            Random rnd = new Random(3);
            int B = 3, P = 9, steps = BUCKET + 20;               // crosses one bucket boundary
            int[] lengths = {9, 4, 1};
            try (KvCache fast = model.newCache(B, P + steps + 1); KvCache eager = model.newCache(B, P + steps + 1)) {
                for (int round = 0; round < 2; round++) {        // round 2: the same caches prefilled again
                    int[][] prompts = new int[B][P];
                    for (int[] row : prompts) for (int t = 0; t < P; t++) row[t] = rnd.nextInt(c.vocabSize());
                    INDArray a = HostArrays.of(model.prefill(fast, prompts, lengths)), b = HostArrays.of(model.prefill(eager, prompts, lengths));
                    double worst = 0;
                    for (int s = 0; s < steps; s++) {
                        int[] next = new int[B];
                        for (int r = 0; r < B; r++) next[r] = rnd.nextInt(c.vocabSize());
                        a = HostArrays.of(model.decode(fast, next));
                        b = HostArrays.of(model.decodeEager(eager, next));
                        worst = Math.max(worst, a.sub(b).amaxNumber().doubleValue());
                    }
                    assertEquals(P + steps, fast.length());
                    System.out.printf("decode step (%s, round %d): max |logit diff| vs eager %.3g over %d steps%n",
                            c.modelType(), round, worst, steps);
                    double tolerance = bc.f64() ? 1e-10 : 1e-4;  // f32: summation order differs (logits ~1-10)
                    assertTrue(worst < tolerance, bc + " " + c.modelType() + ": the decoding step differs from eager by " + worst);
                }
            }
        }
    }

    /**
     * The simd backend decodes through its own kernels (SimdDecodeAttention, SimdColumnRmsNorm). Against the nd4j f64
     * step (checked against eager decoding above) on the same weights, its logits must be as close as nd4j's f32
     * step's: f32 rounding, not a different result. Head sizes 12 and 20 cover full SIMD vectors plus a
     * scalar tail, and 4 a tail alone; three query heads per KV head; 11 rows (the column ops vectorize over rows);
     * padded rows; a re-prefilled cache; then an eager step from the cache the host kernels wrote.
     */
    @Test
    void simdStepMatchesNd4jStep() {
        for (int[] shape : new int[][] {{36, 3, 1}, {60, 3, 1}, {24, 6, 2}}) {   // hidden, heads, KV heads
            ModelConfig c = new ModelConfig(31, shape[0], 40, 2, shape[1], shape[2], 1e-6, 10000, 256, true, true, "qwen2", -1, -1);
            DecoderModel model = DecoderGradSupport.randomWeights(c, 7, DataType.FLOAT, SimdBackend.INSTANCE);
            DecoderModel f32Ops = DecoderModel.random(c, 7, DataType.FLOAT, Nd4jBackend.INSTANCE);
            DecoderModel exact = DecoderModel.random(c, 7, DataType.DOUBLE, Nd4jBackend.INSTANCE);
            HostArrays.of(f32Ops.parameters().flatWeights()).assign(HostArrays.of(model.parameters().flatWeights()));
            HostArrays.of(exact.parameters().flatWeights()).assign(HostArrays.of(model.parameters().flatWeights()));
            Random rnd = new Random(11);
            int B = 11, P = 7, steps = BUCKET + 9;                     // 11 rows: a full SIMD vector and a tail
            int[] lengths = {7, 3, 1, 7, 5, 2, 6, 4, 7, 1, 3};
            try (KvCache host = model.newCache(B, P + steps + 2); KvCache ops = f32Ops.newCache(B, P + steps + 2);
                 KvCache ref = exact.newCache(B, P + steps + 2)) {
                for (int round = 0; round < 2; round++) {
                    int[][] prompts = new int[B][P];
                    for (int[] row : prompts) for (int t = 0; t < P; t++) row[t] = rnd.nextInt(c.vocabSize());
                    HostArrays.of(model.prefill(host, prompts, lengths));
                    HostArrays.of(f32Ops.prefill(ops, prompts, lengths));
                    HostArrays.of(exact.prefill(ref, prompts, lengths));
                    double hostErr = 0, opsErr = 0, scale = 0;
                    for (int s = 0; s <= steps; s++) {
                        int[] next = new int[B];
                        for (int r = 0; r < B; r++) next[r] = rnd.nextInt(c.vocabSize());
                        // the last step runs eagerly from the cache the host kernels wrote
                        INDArray a = s < steps ? HostArrays.of(model.decode(host, next)) : HostArrays.of(model.decodeEager(host, next));
                        INDArray b = HostArrays.of(f32Ops.decode(ops, next)), e = HostArrays.of(exact.decode(ref, next));
                        hostErr = Math.max(hostErr, a.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue());
                        opsErr = Math.max(opsErr, b.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue());
                        scale = Math.max(scale, e.amaxNumber().doubleValue());
                    }
                    System.out.printf("simd step (hidden %d, %d/%d heads, round %d): max |logit error| vs f64 %.3g;"
                            + " nd4j f32 %.3g (logits up to %.3g)%n", shape[0], shape[1], shape[2], round, hostErr, opsErr, scale);
                    assertTrue(scale > 0.1, "degenerate logits");
                    assertTrue(hostErr < Math.max(3 * opsErr, 1e-6 * scale),
                            "the simd step is off by " + hostErr + " where the nd4j f32 step is off by " + opsErr);
                }
            }
        }
    }
}
