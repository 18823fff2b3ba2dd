package org.r1j.model.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One AdamW update of a tensor as a single SIMD pass over weights, gradients and moments (a host kernel, see
 * {@link org.r1j.model.layers.HostMemory}): the op path runs ~10 passes (37 ms per step for the bench's 3M
 * parameters). The same arithmetic in the same order as {@link AdamW}'s op path, in f32.
 */
final class SimdAdamW {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdAdamW() {}

    /**
     * w *= keep; m = b1 m + c1 g; v = b2 v + c2 g^2; w += step * m / (sqrt(v) * vScale + eps).
     *
     * @param keep  1 - lr * weight decay (1 where the tensor does not decay)
     * @param c1    1 - b1, rounded from double (1 - (float) b1 would be off by up to 1e-5 relative at b2 = 0.999)
     * @param step  -lr / (1 - b1^t)
     * @param vScale 1 / sqrt(1 - b2^t)
     */
    static void update(INDArray w, INDArray g, INDArray m, INDArray v, float keep, float b1, float c1, float b2,
                       float c2, float step, float vScale, float eps) {
        SimdStreams s = new SimdStreams(g, w, m, v);
        float[] gs = s.chunk(0), ws = s.chunk(1), ms = s.chunk(2), vs = s.chunk(3);
        for (long at = 0; at < s.length(); at += SimdStreams.CHUNK) {
            int n = s.read(at, 4);
            int i = 0;
            for (int end = F.loopBound(n); i < end; i += F.length()) {
                FloatVector gv = FloatVector.fromArray(F, gs, i);
                FloatVector mv = FloatVector.fromArray(F, ms, i).mul(b1).add(gv.mul(c1));
                FloatVector vv = FloatVector.fromArray(F, vs, i).mul(b2).add(gv.mul(gv).mul(c2));
                FloatVector denom = vv.sqrt().mul(vScale).add(eps);
                FloatVector wv = FloatVector.fromArray(F, ws, i).mul(keep).add(mv.div(denom).mul(step));
                mv.intoArray(ms, i);
                vv.intoArray(vs, i);
                wv.intoArray(ws, i);
            }
            for (; i < n; i++) {
                ms[i] = ms[i] * b1 + gs[i] * c1;
                vs[i] = vs[i] * b2 + gs[i] * gs[i] * c2;
                ws[i] = ws[i] * keep + ms[i] / ((float) Math.sqrt(vs[i]) * vScale + eps) * step;
            }
            s.write(at, n, 1, 4);
        }
    }
}
