package org.r1j.model.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotary position embedding in Hugging Face's {@code rotate_half} convention (the two halves of a head are the
 * real and imaginary parts; not interleaved): {@code out = x * cos + rotate_half(x) * sin} with
 * {@code rotate_half(x) = [-x2, x1]}. rotate_half is a signed permutation, applied as one GEMM with the
 * (hs, hs) matrix R (strided half-copies cost more than the small matmul in ND4J). {@link #forward} and
 * {@link #backward} are the ND4J reference that the {@code nd4j} backend runs ({@code simd} rotates with full per-head
 * tables in one SIMD pass); the model calls them through its Backend, and this class owns the tables.
 */
public final class Rotary {
    private final INDArray cos; // (maxPos, hs)
    private final INDArray sin; // (maxPos, hs)
    private final INDArray rot; // (hs, hs) R: rotate_half(x) = x @ R

    /** Tables for positions 0..maxPos-1: inv_freq[i] = theta^(-2i/hs), angle = pos * inv_freq (repeated twice). */
    public Rotary(int maxPos, int hs, double theta, DataType dtype) {
        int h2 = hs / 2;
        double[] c = new double[maxPos * hs], s = new double[maxPos * hs], r = new double[hs * hs];
        for (int p = 0; p < maxPos; p++) {
            for (int i = 0; i < h2; i++) {
                // float math like Hugging Face, so f32 parity holds at large positions
                float invFreq = (float) (1.0 / Math.pow(theta, (2.0 * i) / hs));
                float angle = (float) p * invFreq;
                double cv = Math.cos(angle), sv = Math.sin(angle);
                c[p * hs + i] = cv;
                c[p * hs + h2 + i] = cv;
                s[p * hs + i] = sv;
                s[p * hs + h2 + i] = sv;
            }
        }
        for (int j = 0; j < h2; j++) {
            r[(j + h2) * hs + j] = -1; // out[j] = -x[j + h2]
            r[j * hs + j + h2] = 1;    // out[j + h2] = x[j]
        }
        this.cos = Nd4j.create(c, new long[] {maxPos, hs}, 'c').castTo(dtype);
        this.sin = Nd4j.create(s, new long[] {maxPos, hs}, 'c').castTo(dtype);
        this.rot = Nd4j.create(r, new long[] {hs, hs}, 'c').castTo(dtype);
    }

    /** (hs, hs) R with rotate_half(x) = x @ R. */
    public INDArray rotateHalfMatrix() {
        return rot;
    }

    public long maxPositions() {
        return cos.size(0);
    }

    /**
     * Gathers the tables at given positions.
     *
     * @param positions (B*T) int, row-major over (B, T)
     * @return {cos, sin}, each (B, 1, T, hs)
     */
    public INDArray[] at(INDArray positions, int B, int T) {
        long hs = cos.size(1);
        INDArray c = Nd4j.create(cos.dataType(), (long) B * T, hs);
        INDArray s = Nd4j.create(cos.dataType(), (long) B * T, hs);
        Embedding.forward(c, positions, cos);
        Embedding.forward(s, positions, sin);
        return new INDArray[] {c.reshape(B, 1, T, hs), s.reshape(B, 1, T, hs)};
    }

    /**
     * Per-head tables for rotating a whole fused q/k/v activation in one pass: (N, NH+2KVH, hs) with the
     * position's cos/sin on the q and k heads, the attention scale folded into the q heads, and the identity
     * (cos 1, sin 0) on the v heads. Built once per forward and shared by all layers: one row gather from
     * per-position tables that are laid out once (building them per forward with broadcasts and strided
     * writes took ~45 ms at 4096 positions).
     *
     * @param positions (N) int, row-major over (B, T)
     * @param maxPosition the largest entry of {@code positions}
     * @param out       {cosT, sinT} to fill, each (N, NH + 2 KVH, hs)
     */
    public void headTables(INDArray positions, int maxPosition, long NH, long KVH, double qScale, INDArray[] out) {
        INDArray[] tables = positionHeadTables(maxPosition + 1, NH, KVH, qScale);
        long N = positions.length();
        for (int i = 0; i < 2; i++) Embedding.forward(out[i].reshape(N, out[i].length() / N), positions, tables[i]);
    }

    private INDArray[] headTablesCache;
    private long cacheNH = -1, cacheKVH = -1;
    private double cacheScale;

    /**
     * {cos, sin}, each (P', (NH + 2 KVH) * hs) for positions 0..P'-1, P' >= P (grown in powers of two, so a
     * model never lays out more than twice the positions it has used; 2 x 9 MB at 2048 positions for Qwen2-0.5B).
     */
    public synchronized INDArray[] positionHeadTables(int P, long NH, long KVH, double qScale) {
        if (headTablesCache != null && headTablesCache[0].size(0) >= P && cacheNH == NH && cacheKVH == KVH
                && cacheScale == qScale) {
            return headTablesCache;
        }
        long maxPos = cos.size(0), hs = cos.size(1), H3 = NH + 2 * KVH;
        if (P > maxPos) throw new IllegalArgumentException("position " + (P - 1) + " is past the rotary tables' " + maxPos);
        long rows = Math.min(maxPos, Long.highestOneBit(Math.max(P - 1, 1)) * 2);
        INDArray[] tables = {cos, sin};
        INDArray[] built = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            INDArray t = Nd4j.create(cos.dataType(), rows, H3, hs);
            t.assign(0).addi(tables[i].get(interval(0, rows), all()).reshape(rows, 1, hs));  // broadcast over heads
            t.get(all(), interval(0, NH), all()).muli(qScale);
            t.get(all(), interval(NH + KVH, H3), all()).assign(i == 0 ? 1 : 0);
            built[i] = t.reshape(rows, H3 * hs);
        }
        headTablesCache = built;
        cacheNH = NH;
        cacheKVH = KVH;
        cacheScale = qScale;
        return built;
    }

    /**
     * In place: {@code x = x * cos + (x @ R) * sin}.
     *
     * @param x       (..., hs) contiguous, e.g. (B, H, T, hs) or the fused (N, NH + 2 KVH, hs)
     * @param cos     broadcastable to x: (B, 1, T, hs) from {@link #at}, or x's shape from {@link #headTables}
     * @param scratch x's shape, contiguous; overwritten (null: allocate)
     */
    public void forward(INDArray x, INDArray cos, INDArray sin, INDArray scratch) {
        long hs = x.size(x.rank() - 1);
        INDArray rotated = scratch != null ? scratch : x.ulike();
        Nd4j.gemm(x.reshape(x.length() / hs, hs), rot, rotated.reshape(x.length() / hs, hs), false, false, 1.0, 0.0);
        rotated.muli(sin);
        x.muli(cos).addi(rotated);
    }

    /**
     * In place on the gradient (contiguous). Forward was {@code out = x * cos + (x @ R) * sin}, so
     * {@code dx = dout * cos + (dout * sin) @ R^T}.
     */
    public void backward(INDArray dx, INDArray cos, INDArray sin, INDArray scratch) {
        long hs = dx.size(dx.rank() - 1);
        INDArray t = scratch != null ? scratch : dx.ulike();
        dx.mul(sin, t);
        dx.muli(cos);
        Nd4j.gemm(t.reshape(t.length() / hs, hs), rot, dx.reshape(dx.length() / hs, hs), false, true, 1.0, 1.0);
    }
}
