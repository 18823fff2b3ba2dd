package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** {@link SimdExp}: accurate, the same in every lane and in the scalar version, and host kernels are deterministic. */
class SimdExpTest {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Test
    void withinTwoUlpOfExpAndLanesEqualScalar() {
        float[] x = new float[F.length() * 40_000];
        Random rnd = new Random(1);
        for (int i = 0; i < x.length; i++) x[i] = -87f + 175f * rnd.nextFloat();
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 1f;
        x[3] = -1f;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += F.length()) SimdExp.exp(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        double worstUlp = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(SimdExp.exp(x[i])), Float.floatToRawIntBits(y[i]), "lane vs scalar at x=" + x[i]);
            double exact = Math.exp(x[i]);
            worstUlp = Math.max(worstUlp, Math.abs(y[i] - exact) / Math.ulp((float) exact));
        }
        System.out.printf("SimdExp: worst error %.2f ulp over %d arguments in [-87, 88]%n", worstUlp, x.length);
        assertTrue(worstUlp <= 2, "worst error " + worstUlp + " ulp");
        assertEquals(1f, SimdExp.exp(0f));
        assertEquals(0f, SimdExp.exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, SimdExp.exp(-100f));
        assertTrue(Float.isNaN(SimdExp.exp(Float.NaN)));
        float[] special = new float[F.length()];
        special[0] = Float.NEGATIVE_INFINITY;
        special[1 % F.length()] = -100f;
        float[] out = new float[F.length()];
        SimdExp.exp(FloatVector.fromArray(F, special, 0)).intoArray(out, 0);
        assertEquals(0f, out[0]);
    }

    /**
     * The same input gives the same bits on its first (interpreted) and its 20,000th (JIT-compiled) call: with the
     * Vector API's own EXP this failed, since compiled code uses SVML and the interpreter Math.exp, which made seeded
     * runs differ from run to run.
     */
    @Test
    void hostSoftmaxIsBitwiseTheSameBeforeAndAfterTheJit() {
        Random rnd = new Random(2);
        float[] input = new float[301];
        for (int i = 0; i < input.length; i++) input[i] = (float) (rnd.nextGaussian() * 6);
        float[] first = input.clone();
        SimdSoftmax.inPlace(first, 0, first.length);
        for (int call = 0; call < 20_000; call++) {
            float[] again = input.clone();
            SimdSoftmax.inPlace(again, 0, again.length);
            if (call % 5_000 == 4_999) assertArrayEquals(first, again, "call " + call);
        }
    }
}
