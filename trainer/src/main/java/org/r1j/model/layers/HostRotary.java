package org.r1j.model.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Rotary}'s forward and backward on full per-head tables as one SIMD pass each (see {@link HostKernels}):
 * rotate_half is read straight from the other half of the head instead of the op path's GEMM with R, and the
 * multiplies and the add are fused (33 and 27 ms per training step at the bench shape on the op path).
 * Heads are hs contiguous floats; chunks hold whole heads.
 */
final class HostRotary {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private HostRotary() {}

    /** In place: x = x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1]; x, cos, sin of one length. */
    static void forward(INDArray x, INDArray cos, INDArray sin, int hs) {
        HostStreams s = new HostStreams(chunkFor(hs), x, cos, sin);
        float[] xs = s.chunk(0), c = s.chunk(1), sn = s.chunk(2);
        float[] out = new float[s.chunkSize()];
        int h = hs / 2;
        for (long at = 0; at < s.length(); at += s.chunkSize()) {
            int n = s.read(at, 3);
            for (int head = 0; head < n; head += hs) {
                int lo = head, hi = head + h, i = 0;
                for (int end = F.loopBound(h); i < end; i += F.length()) {
                    FloatVector x1 = FloatVector.fromArray(F, xs, lo + i), x2 = FloatVector.fromArray(F, xs, hi + i);
                    x1.mul(FloatVector.fromArray(F, c, lo + i)).sub(x2.mul(FloatVector.fromArray(F, sn, lo + i))).intoArray(out, lo + i);
                    x2.mul(FloatVector.fromArray(F, c, hi + i)).add(x1.mul(FloatVector.fromArray(F, sn, hi + i))).intoArray(out, hi + i);
                }
                for (; i < h; i++) {
                    out[lo + i] = xs[lo + i] * c[lo + i] - xs[hi + i] * sn[lo + i];
                    out[hi + i] = xs[hi + i] * c[hi + i] + xs[lo + i] * sn[hi + i];
                }
            }
            System.arraycopy(out, 0, xs, 0, n);
            s.write(at, n, 0, 1);
        }
    }

    /** In place on the gradient: dx = dout * cos + R^T-rotated (dout * sin), i.e. [t2, -t1] for t = dout * sin. */
    static void backward(INDArray dx, INDArray cos, INDArray sin, int hs) {
        HostStreams s = new HostStreams(chunkFor(hs), dx, cos, sin);
        float[] d = s.chunk(0), c = s.chunk(1), sn = s.chunk(2);
        float[] out = new float[s.chunkSize()];
        int h = hs / 2;
        for (long at = 0; at < s.length(); at += s.chunkSize()) {
            int n = s.read(at, 3);
            for (int head = 0; head < n; head += hs) {
                int lo = head, hi = head + h, i = 0;
                for (int end = F.loopBound(h); i < end; i += F.length()) {
                    FloatVector d1 = FloatVector.fromArray(F, d, lo + i), d2 = FloatVector.fromArray(F, d, hi + i);
                    d1.mul(FloatVector.fromArray(F, c, lo + i)).add(d2.mul(FloatVector.fromArray(F, sn, hi + i))).intoArray(out, lo + i);
                    d2.mul(FloatVector.fromArray(F, c, hi + i)).sub(d1.mul(FloatVector.fromArray(F, sn, lo + i))).intoArray(out, hi + i);
                }
                for (; i < h; i++) {
                    out[lo + i] = d[lo + i] * c[lo + i] + d[hi + i] * sn[hi + i];
                    out[hi + i] = d[hi + i] * c[hi + i] - d[lo + i] * sn[lo + i];
                }
            }
            System.arraycopy(out, 0, d, 0, n);
            s.write(at, n, 0, 1);
        }
    }

    /** Whole heads per chunk, about {@link HostStreams#CHUNK} elements. */
    private static int chunkFor(int hs) {
        return Math.max(1, HostStreams.CHUNK / hs) * hs;
    }
}
