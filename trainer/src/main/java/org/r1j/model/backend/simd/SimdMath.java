package org.r1j.model.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Small SIMD reductions over heap float ranges, shared by the host kernels (see {@link HostMemory}). */
final class SimdMath {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdMath() {}

    /**
     * The lanes of v added in lane order. {@code reduceLanes(ADD)} leaves the order open, and the interpreter and
     * the JIT's intrinsic do use different orders, so a float sum changed in its last bit once a method was compiled
     * (seen on JDK 25: the same softmax row gave two results) and seeded runs could differ run to run.
     */
    static float sumLanes(FloatVector v) {
        float s = 0;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    /** a[ao .. ao+n) . b[bo .. bo+n) */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
        }
        float s = sumLanes(acc);
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
