package org.r1j.model.backend.simd;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The decoding step's feature-major (features, B) RMSNorm as a host SIMD pass (see {@link HostMemory}), bound to its
 * arrays like a {@link BoundOp}: six bound ops took ~50 us at the bench shape. It copies its input to the heap,
 * computes, and copies back. (SwiGLU and rotary need no column form: the step calls the layers' own host passes.)
 */
final class SimdColumnRmsNorm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdColumnRmsNorm() {}

    /** out = x / sqrt(mean_C(x^2) + eps) * w per column; x and out (C, B), w (C). */
    static Runnable bind(INDArray xT, INDArray w, INDArray outT, double eps) {
        int C = (int) xT.size(0), B = (int) xT.size(1);
        FloatBuffer x = HostMemory.whole(xT, "column rmsnorm"), out = HostMemory.whole(outT, "column rmsnorm");
        float[] wv = new float[C], xs = new float[C * B], ss = new float[B];
        HostMemory.floats(w).get((int) w.offset(), wv, 0, C);
        return () -> {
            x.get(0, xs, 0, C * B);
            java.util.Arrays.fill(ss, 0f);
            for (int c = 0; c < C; c++) {
                int row = c * B, b = 0;
                for (int end = F.loopBound(B); b < end; b += F.length()) {
                    FloatVector v = FloatVector.fromArray(F, xs, row + b);
                    v.fma(v, FloatVector.fromArray(F, ss, b)).intoArray(ss, b);
                }
                for (; b < B; b++) ss[b] += xs[row + b] * xs[row + b];
            }
            for (int b = 0; b < B; b++) ss[b] = (float) (1 / Math.sqrt(ss[b] / C + eps));
            for (int c = 0; c < C; c++) {
                int row = c * B, b = 0;
                float wc = wv[c];
                for (int end = F.loopBound(B); b < end; b += F.length()) {
                    FloatVector.fromArray(F, xs, row + b).mul(FloatVector.fromArray(F, ss, b)).mul(wc).intoArray(xs, row + b);
                }
                for (; b < B; b++) xs[row + b] *= ss[b] * wc;
            }
            out.put(0, xs, 0, C * B);
        };
    }
}
