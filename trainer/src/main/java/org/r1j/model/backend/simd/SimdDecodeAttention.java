package org.r1j.model.backend.simd;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.ModelConfig;
import org.r1j.model.backend.nd4j.HostTensor;

/**
 * The attention of one decoding step — one new query per row over that row's cached keys and values — as SIMD
 * loops on the Java heap (a {@link HostMemory} kernel: CPU backend, f32).
 *
 * <p>Why not ND4J ops: libnd4j 1.0.0-M2.1 runs a batched (rank > 2) matmul as a scalar loop with index
 * arithmetic per element (~0.6 ns per multiply-add) and a scalar libm exp, so at the bench shape (16 rows, 8
 * heads over 4 KV heads, ~100 slots, head 32) the two attention matmuls, the mask and the softmax took ~800 us
 * of a layer's decoding step; these loops take ~400 us there (~200 us in isolation, with the mirror in cache: scores
 * ~85, softmax ~30, weighted values ~90). Plain scalar Java was no faster than libnd4j (~0.7-1 ns per multiply-add:
 * the JIT does not vectorize these reductions), and vector loads from ND4J's off-heap buffers ran at half the speed
 * of loads from a heap array, hence the copy below.
 *
 * <p>Keys and values are mirrored on the heap, in the cache's layout, per layer: the prefilled slots are copied
 * once when the step is built, and each new slot is written to both the mirror and ND4J's cache (which stays
 * the one every other reader sees). Rows attend to slots {@code pad[b] .. length-1} only, so nothing is masked.
 * The math is {@link DecodeStep}'s op path (which other backends and f64 use, and which the tests compare this
 * with): softmax(q k^T) v per head, with q already scaled by 1/sqrt(head_dim) in the rotary tables.
 *
 * <p>Layouts (row-major): {@code qkv} (B, (NH + 2 KVH) hs), q heads then k heads then v heads; a layer's cache
 * (2, B, KVH, capacity, hs); the output (B, KVH, G, hs), i.e. (B, NH hs) with head kvh * G + g.
 */
final class SimdDecodeAttention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private final int B, NH, KVH, G, hs, H3, cap;
    private final FloatBuffer qkv, y;
    private final FloatBuffer[] cacheBuffers; // per layer: ND4J's (2, B, KVH, cap, hs)
    private final float[][] mirror;           // per layer: the same on the heap
    private final Scratch[] scratch;          // per part of the rows (SimdThreads)

    /** Bytes of the heap mirror of this cache (every layer's keys and values in f32). */
    static long mirrorBytes(ModelConfig c, DecoderKvCache cache) {
        return 2L * cache.batchSize() * c.numKeyValueHeads() * cache.capacity() * c.headDim() * Float.BYTES
                * c.numHiddenLayers();
    }

    SimdDecodeAttention(ModelConfig c, DecoderKvCache cache, INDArray qkvArray, INDArray outArray) {
        B = cache.batchSize();
        NH = c.numAttentionHeads();
        KVH = c.numKeyValueHeads();
        G = NH / KVH;
        hs = c.headDim();
        H3 = NH + 2 * KVH;
        cap = cache.capacity();
        qkv = HostMemory.whole(qkvArray, "decode attention");
        y = HostMemory.whole(outArray, "decode attention");
        cacheBuffers = new FloatBuffer[c.numHiddenLayers()];
        mirror = new float[c.numHiddenLayers()][];
        for (int l = 0; l < mirror.length; l++) {
            cacheBuffers[l] = HostMemory.whole(HostTensor.array(cache.kv(l)), "decode attention");
            mirror[l] = new float[2 * B * KVH * cap * hs];
            for (int block = 0; block < 2 * B * KVH; block++) {   // the filled slots of every (k|v, row, head)
                cacheBuffers[l].get(block * cap * hs, mirror[l], block * cap * hs, cache.length() * hs);
            }
        }
        scratch = new Scratch[SimdThreads.COUNT];
        for (int p = 0; p < scratch.length; p++) scratch[p] = new Scratch(new float[G * hs], new float[G * cap], new float[G * hs]);
    }

    /** Writes the step's new key and value heads (from qkv) into slot {@code slot} of layer l: mirror and cache. */
    void writeSlot(int l, int slot) {
        float[] m = mirror[l];
        for (int kOrV = 0; kOrV < 2; kOrV++) {
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < KVH; j++) {
                    int to = (((kOrV * B + b) * KVH + j) * cap + slot) * hs;
                    qkv.get(b * H3 * hs + (NH + kOrV * KVH + j) * hs, m, to, hs);
                    cacheBuffers[l].put(to, m, to, hs);
                }
            }
        }
    }

    /** A part's buffers: a KV head's G queries, their score rows (stride cap), their outputs. */
    private record Scratch(float[] q, float[] scores, float[] out) {}

    /** out = softmax(q k^T) v for layer l; row b attends to slots pad[b] .. length-1. Rows are split over the cores. */
    void attend(int l, int[] pad, int length) {
        int parts = Math.min(B, scratch.length);
        SimdThreads.run(parts, p -> attendRows(l, pad, length, B * p / parts, B * (p + 1) / parts, scratch[p]));
    }

    private void attendRows(int l, int[] pad, int length, int from, int to, Scratch sc) {
        float[] m = mirror[l], q = sc.q(), scores = sc.scores(), out = sc.out();
        for (int b = from; b < to; b++) {
            int first = pad[b], n = length - first;
            for (int j = 0; j < KVH; j++) {
                int keys = ((b * KVH + j) * cap + first) * hs;
                int values = (((B + b) * KVH + j) * cap + first) * hs;
                qkv.get(b * H3 * hs + j * G * hs, q, 0, G * hs);       // the G query heads sharing KV head j
                for (int s = 0; s < n; s++) {
                    for (int g = 0; g < G; g++) scores[g * cap + s] = SimdMath.dot(q, g * hs, m, keys + s * hs, hs);
                }
                for (int g = 0; g < G; g++) {
                    SimdSoftmax.inPlace(scores, g * cap, n);
                    weightedSum(m, values, n, scores, g * cap, out, g * hs);
                }
                y.put(b * NH * hs + j * G * hs, out, 0, G * hs);
            }
        }
    }

    /** out[o .. o+hs) = sum over s < n of scores[p + s] * m[rows + s hs .. + hs). */
    private void weightedSum(float[] m, int rows, int n, float[] scores, int p, float[] out, int o) {
        int d = 0;
        for (int end = F.loopBound(hs); d < end; d += F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (int s = 0; s < n; s++) {
                acc = FloatVector.fromArray(F, m, rows + s * hs + d).fma(FloatVector.broadcast(F, scores[p + s]), acc);
            }
            acc.intoArray(out, o + d);
        }
        for (; d < hs; d++) {
            float acc = 0;
            for (int s = 0; s < n; s++) acc += scores[p + s] * m[rows + s * hs + d];
            out[o + d] = acc;
        }
    }
}
