package org.r1j.model.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp(x) in f32 from adds, multiplies, fused multiply-adds and bit moves only (Cephes' expf: x = n ln2 + r,
 * |r| <= ln2/2, a degree-6 polynomial for e^r, 2^n put into the exponent bits), lane by lane and for one float.
 *
 * <p>Why not {@code lanewise(EXP)}: the JIT-compiled Vector API computes it with Intel's SVML while the interpreter
 * and C1 use {@code Math.exp}, which differ in the last bit for ~4% of inputs, so a seeded run gave different
 * numbers depending on when the JIT reached each loop. Every operation here is exactly rounded IEEE arithmetic, so
 * the result is the same bit for bit in the interpreter, C1, C2 and the scalar tail. Accuracy: within 2 ulp of exp
 * on [-87, 88] (checked in SimdExpTest); below -87.3 the result is 0 (as exp(-inf) is), above 88.3 it saturates at
 * e^88.3 (softmax and sigmoid, the callers, never go there: they subtract the max or negate small arguments).
 */
final class SimdExp {
    private static final float LO = -87.3f, HI = 88.3f;
    private static final float LOG2E = 1.44269504088896341f, SHIFTER = 12582912f; // 1.5 * 2^23: rounds to an integer
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);

    private SimdExp() {}

    /** e^x per lane. */
    public static FloatVector exp(FloatVector x) {
        var under = x.lt(LO);
        FloatVector c = x.max(LO).min(HI);
        FloatVector t = c.fma(LOG2E, SHIFTER);                   // SHIFTER + round(c log2 e)
        FloatVector n = t.sub(SHIFTER);
        FloatVector r = c.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));   // n LN2_HI is exact (9 + 8 significant bits)
        FloatVector p = r.fma(P0, P1);
        p = p.mul(r).add(P2);
        p = p.mul(r).add(P3);
        p = p.mul(r).add(P4);
        p = p.mul(r).add(P5);
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(SHIFTER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats()).blend(0f, under);
    }

    /** e^x for one float: the same operations as a lane of {@link #exp(FloatVector)}. */
    public static float exp(float x) {
        if (x < LO) return 0f;
        float c = Math.min(Math.max(x, LO), HI);
        float t = Math.fma(c, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        float r = c - n * LN2_HI - n * LN2_LO;
        float p = Math.fma(r, P0, P1);
        p = p * r + P2;
        p = p * r + P3;
        p = p * r + P4;
        p = p * r + P5;
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat((Float.floatToRawIntBits(t) - (SHIFTER_BITS - 127)) << 23);
    }
}
