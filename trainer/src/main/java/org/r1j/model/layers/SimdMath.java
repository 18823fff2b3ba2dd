package org.r1j.model.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Small SIMD reductions over heap float ranges, shared by the host kernels (see {@link HostKernels}). */
public final class SimdMath {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdMath() {}

    /** a[ao .. ao+n) . b[bo .. bo+n) */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** max of x[from .. from+n) */
    public static float max(float[] x, int from, int n) {
        FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) mv = mv.max(FloatVector.fromArray(F, x, from + i));
        float m = mv.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) m = Math.max(m, x[from + i]);
        return m;
    }

    /** x[from .. from+n) *= s */
    public static void scale(float[] x, int from, int n, float s) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector.fromArray(F, x, from + i).mul(s).intoArray(x, from + i);
        }
        for (; i < n; i++) x[from + i] *= s;
    }
}
