package org.r1j.model.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Rotary}'s forward and backward on full per-head tables as one SIMD pass each (see {@link HostMemory}):
 * rotate_half is read straight from the other half of the head instead of the op path's GEMM with R, and the
 * multiplies and the add are fused (33 and 27 ms per training step at the bench shape on the op path).
 * Heads are hs contiguous floats; chunks hold whole heads.
 */
final class SimdRotary {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdRotary() {}

    /** In place: x = x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1]; x, cos, sin of one length. */
    static void forward(INDArray x, INDArray cos, INDArray sin, int hs) {
        rotate(x, cos, sin, hs, false);
    }

    /** In place on the gradient: dx = dout * cos + R^T-rotated (dout * sin), i.e. [t2, -t1] for t = dout * sin. */
    static void backward(INDArray dx, INDArray cos, INDArray sin, int hs) {
        rotate(dx, cos, sin, hs, true);
    }

    /**
     * Per head with halves x1, x2 and s = sign (-1 forward, +1 transposed):
     * lo = x1 cos_lo + s x2 sin_p, hi = x2 cos_hi - s x1 sin_q, where p, q = lo, hi forward and hi, lo transposed.
     */
    private static void rotate(INDArray x, INDArray cos, INDArray sin, int hs, boolean transposed) {
        SimdStreams st = new SimdStreams(chunkFor(hs), x, cos, sin);
        float[] xs = st.chunk(0), c = st.chunk(1), sn = st.chunk(2);
        float[] out = new float[st.chunkSize()];
        int h = hs / 2;
        float sign = transposed ? 1f : -1f;
        for (long at = 0; at < st.length(); at += st.chunkSize()) {
            int n = st.read(at, 3);
            for (int head = 0; head < n; head += hs) {
                int lo = head, hi = head + h, p = transposed ? hi : lo, q = transposed ? lo : hi, i = 0;
                for (int end = F.loopBound(h); i < end; i += F.length()) {
                    FloatVector x1 = FloatVector.fromArray(F, xs, lo + i), x2 = FloatVector.fromArray(F, xs, hi + i);
                    x1.mul(FloatVector.fromArray(F, c, lo + i)).add(x2.mul(FloatVector.fromArray(F, sn, p + i)).mul(sign))
                            .intoArray(out, lo + i);
                    x2.mul(FloatVector.fromArray(F, c, hi + i)).sub(x1.mul(FloatVector.fromArray(F, sn, q + i)).mul(sign))
                            .intoArray(out, hi + i);
                }
                for (; i < h; i++) {
                    out[lo + i] = xs[lo + i] * c[lo + i] + xs[hi + i] * sn[p + i] * sign;
                    out[hi + i] = xs[hi + i] * c[hi + i] - xs[lo + i] * sn[q + i] * sign;
                }
            }
            System.arraycopy(out, 0, xs, 0, n);
            st.write(at, n, 0, 1);
        }
    }

    /** Whole heads per chunk, about {@link SimdStreams#CHUNK} elements. */
    private static int chunkFor(int hs) {
        return Math.max(1, SimdStreams.CHUNK / hs) * hs;
    }
}
