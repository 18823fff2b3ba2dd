package org.r1j.model.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/**
 * Rotary position embedding in Hugging Face's {@code rotate_half} convention (the two halves of a head are the
 * real and imaginary parts; not interleaved): {@code out = x * cos + rotate_half(x) * sin} with
 * {@code rotate_half(x) = [-x2, x1]}. rotate_half is a signed permutation, applied as one GEMM with the
 * (hs, hs) matrix R (strided half-copies cost more than the small matmul in ND4J). The rotation itself is the
 * backend's ({@link Backend#rotary}; its ND4J reference is {@code Nd4jRotary}); this class owns the tables, laid out
 * on the host once and held by the backend.
 */
public final class Rotary {
    private final Backend be;
    private final DataType dtype;
    private final int maxPos, hs;
    private final double[] cosHost, sinHost; // (maxPos, hs) in f64, as computed
    private final Tensor rot; // (hs, hs) R: rotate_half(x) = x @ R

    /** Tables for positions 0..maxPos-1: inv_freq[i] = theta^(-2i/hs), angle = pos * inv_freq (repeated twice). */
    public Rotary(int maxPos, int hs, double theta, DataType dtype, Backend be) {
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
        this.be = be;
        this.dtype = dtype;
        this.maxPos = maxPos;
        this.hs = hs;
        this.cosHost = c;
        this.sinHost = s;
        this.rot = be.fromHost(dtype, r, hs, hs);
    }

    /** (hs, hs) R with rotate_half(x) = x @ R. */
    public Tensor rotateHalfMatrix() {
        return rot;
    }

    public long maxPositions() {
        return maxPos;
    }

    /**
     * Gathers the tables at given positions.
     *
     * @param positions (B*T) int, row-major over (B, T)
     * @return {cos, sin}, each (B, 1, T, hs)
     */
    public Tensor[] at(Tensor positions, int B, int T) {
        Tensor[] tables = {be.fromHost(dtype, cosHost, maxPos, hs), be.fromHost(dtype, sinHost, maxPos, hs)};
        Tensor[] out = new Tensor[2];
        for (int i = 0; i < 2; i++) {
            out[i] = be.alloc(dtype, (long) B * T, hs);
            be.gather(out[i], positions, tables[i]);
            out[i] = out[i].reshape(B, 1, T, hs);
            tables[i].close();
        }
        return out;
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
    public void headTables(Tensor positions, int maxPosition, long NH, long KVH, double qScale, Tensor[] out) {
        Tensor[] tables = positionHeadTables(maxPosition + 1, NH, KVH, qScale);
        long N = positions.length();
        for (int i = 0; i < 2; i++) be.gather(out[i].reshape(N, out[i].length() / N), positions, tables[i]);
    }

    private Tensor[] headTablesCache;
    private long cacheNH = -1, cacheKVH = -1;
    private double cacheScale;

    /**
     * {cos, sin}, each (P', (NH + 2 KVH) * hs) for positions 0..P'-1, P' >= P (grown in powers of two, so a
     * model never lays out more than twice the positions it has used; 2 x 9 MB at 2048 positions for Qwen2-0.5B).
     */
    public synchronized Tensor[] positionHeadTables(int P, long NH, long KVH, double qScale) {
        if (headTablesCache != null && headTablesCache[0].size(0) >= P && cacheNH == NH && cacheKVH == KVH
                && cacheScale == qScale) {
            return headTablesCache;
        }
        if (P > maxPos) throw new IllegalArgumentException("position " + (P - 1) + " is past the rotary tables' " + maxPos);
        int rows = (int) Math.min(maxPos, Long.highestOneBit(Math.max(P - 1, 1)) * 2);
        int H3 = (int) (NH + 2 * KVH), width = H3 * hs;
        double[][] tables = {cosHost, sinHost};
        Tensor[] built = new Tensor[2];
        for (int i = 0; i < 2; i++) {
            // laid out in the compute dtype, as the backend's ops would: q heads times the scale (rounded to that
            // dtype first), k heads as they are, v heads the identity (cos 1, sin 0)
            double v = i == 0 ? 1 : 0;
            if (dtype == DataType.FLOAT) {
                float[] t = new float[rows * width];
                float scale = (float) qScale;
                for (int p = 0; p < rows; p++) {
                    for (int h = 0; h < H3; h++) {
                        for (int d = 0; d < hs; d++) {
                            float x = (float) tables[i][p * hs + d];
                            t[p * width + h * hs + d] = h < NH ? x * scale : h < NH + KVH ? x : (float) v;
                        }
                    }
                }
                built[i] = be.fromHost(dtype, t, rows, width);
            } else {
                double[] t = new double[rows * width];
                for (int p = 0; p < rows; p++) {
                    for (int h = 0; h < H3; h++) {
                        for (int d = 0; d < hs; d++) {
                            double x = tables[i][p * hs + d];
                            t[p * width + h * hs + d] = h < NH ? x * qScale : h < NH + KVH ? x : v;
                        }
                    }
                }
                built[i] = be.fromHost(dtype, t, rows, width);
            }
        }
        close(headTablesCache);   // regrown: nothing holds the old tables past this call (decode steps fetch them per token)
        headTablesCache = built;
        cacheNH = NH;
        cacheKVH = KVH;
        cacheScale = qScale;
        return built;
    }

    /** Frees the tables in the backend's memory (the model's {@code close}). */
    public synchronized void close() {
        close(headTablesCache);
        headTablesCache = null;
        rot.close();
    }

    private static void close(Tensor[] tables) {
        if (tables != null) for (Tensor t : tables) t.close();
    }
}
