package org.r1j.model.backend.simd;

import java.nio.FloatBuffer;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax on the host with SIMD exp (see {@link HostMemory}): over a heap row, and {@code softmax(att + mask)}
 * over ND4J attention scores in place. The SIMD exp ({@link SimdExp}) ran ~5x faster than ND4J's scalar one at the bench shape;
 * the masked version also skips the columns its mask row hides at either end (-inf: causal future, left padding),
 * which the additive mask makes exact zeros anyway.
 */
final class SimdSoftmax {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdSoftmax() {}

    /** x[from .. from+n) = exp(x - max) / sum, in place; n >= 1. */
    public static void inPlace(float[] x, int from, int n) {
        int end = from + F.loopBound(n), i;
        float max = SimdMath.max(x, from, n);
        FloatVector maxB = FloatVector.broadcast(F, max), sumV = FloatVector.zero(F);
        for (i = from; i < end; i += F.length()) {
            FloatVector e = SimdExp.exp(FloatVector.fromArray(F, x, i).sub(maxB));
            e.intoArray(x, i);
            sumV = sumV.add(e);
        }
        float sum = SimdMath.sumLanes(sumV);
        for (; i < from + n; i++) {
            x[i] = SimdExp.exp(x[i] - max);
            sum += x[i];
        }
        FloatVector inv = FloatVector.broadcast(F, 1f / sum);
        for (i = from; i < end; i += F.length()) FloatVector.fromArray(F, x, i).mul(inv).intoArray(x, i);
        for (; i < from + n; i++) x[i] *= 1f / sum;
    }

    /**
     * {@code att = softmax(att + mask)} over the last axis, in place.
     *
     * @param att  (B, H, R, S) f32, dense row-major (any offset)
     * @param mask (B or 1, 1, R, S) additive, unit stride along S; no row entirely -inf
     */
    public static void maskedInPlace(INDArray att, INDArray mask) {
        if (att.rank() != 4 || !HostMemory.isDense(att))
            throw new IllegalArgumentException("host softmax needs dense row-major scores, got " + att.shapeInfoToString());
        int B = (int) att.size(0), H = (int) att.size(1), R = (int) att.size(2), S = (int) att.size(3);
        int MB = (int) mask.size(0);
        if (mask.size(2) != R || mask.size(3) != S || (MB != 1 && MB != B) || mask.stride(3) != 1)
            throw new IllegalArgumentException("mask " + mask.shapeInfoToString() + " does not fit scores " + att.shapeInfoToString());
        // the mask on the heap, once, with each row's unmasked column range [lo, hi)
        float[] m = new float[MB * R * S];
        int[] lo = new int[MB * R], hi = new int[MB * R];
        FloatBuffer mb = HostMemory.floats(mask);
        for (int b = 0; b < MB; b++) {
            for (int r = 0; r < R; r++) {
                int row = b * R + r;
                mb.get((int) (mask.offset() + b * mask.stride(0) + r * mask.stride(2)), m, row * S, S);
                int l = 0, h = S;
                while (l < S && m[row * S + l] == Float.NEGATIVE_INFINITY) l++;
                while (h > l && m[row * S + h - 1] == Float.NEGATIVE_INFINITY) h--;
                if (l == h) throw new IllegalArgumentException("mask row " + r + " of " + b + " hides every key");
                lo[row] = l;
                hi[row] = h;
            }
        }
        FloatBuffer a = HostMemory.floats(att);
        float[] x = new float[S];
        long base = att.offset();
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                for (int r = 0; r < R; r++) {
                    int mrow = (MB == 1 ? 0 : b) * R + r, l = lo[mrow], n = hi[mrow] - l;
                    int at = (int) (base + (((long) b * H + h) * R + r) * S);
                    a.get(at + l, x, l, n);
                    addInto(x, l, m, mrow * S + l, n);
                    inPlace(x, l, n);
                    Arrays.fill(x, 0, l, 0f);
                    Arrays.fill(x, l + n, S, 0f);
                    a.put(at, x, 0, S);
                }
            }
        }
    }

    /** x[xo .. xo+n) += y[yo .. yo+n) */
    private static void addInto(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector.fromArray(F, x, xo + i).add(FloatVector.fromArray(F, y, yo + i)).intoArray(x, xo + i);
        }
        for (; i < n; i++) x[xo + i] += y[yo + i];
    }
}
