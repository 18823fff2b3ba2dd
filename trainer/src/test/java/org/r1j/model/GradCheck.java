package org.r1j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences against an analytic gradient, in double precision, on sampled elements. */
public final class GradCheck {
    private GradCheck() {}

    /**
     * Perturbs up to {@code samples} elements of {@code x} (in place, restored) by ±h and compares
     * (loss(+h) - loss(-h)) / 2h with {@code analytic}. Asserts the largest relative error
     * |a - n| / max(|a| + |n|, 1e-7) is at most {@code tol}; returns it.
     */
    public static double check(String label, INDArray x, INDArray analytic, DoubleSupplier loss, int samples,
                               double tol, long seed) {
        INDArray flatX = x.reshape(x.length());
        INDArray flatA = analytic.reshape(analytic.length());
        Random rnd = new Random(seed);
        double h = 1e-5, maxRel = 0, maxDiff = 0;
        long n = x.length();
        int count = (int) Math.min(samples, n);
        for (int i = 0; i < count; i++) {
            long idx = count == n ? i : (long) (rnd.nextDouble() * n);
            double orig = flatX.getDouble(idx);
            flatX.putScalar(idx, orig + h);
            double lp = loss.getAsDouble();
            flatX.putScalar(idx, orig - h);
            double lm = loss.getAsDouble();
            flatX.putScalar(idx, orig);
            double num = (lp - lm) / (2 * h), a = flatA.getDouble(idx);
            double diff = Math.abs(a - num);
            maxDiff = Math.max(maxDiff, diff);
            maxRel = Math.max(maxRel, diff / Math.max(Math.abs(a) + Math.abs(num), 1e-7));
        }
        String msg = String.format("%s: max relative error %.3g, max abs diff %.3g over %d elements", label, maxRel,
                maxDiff, count);
        System.out.println("gradcheck " + msg);
        assertTrue(maxRel <= tol, msg);
        return maxRel;
    }
}
