package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The simd kernels' tests compare f32 results with the f64 op path's: max error relative to the largest value. */
final class F64Reference {
    private F64Reference() {}

    /** Fails (rather than skips) where this JVM cannot run the simd backend: the build and CI always can. */
    static void assertSimd() {
        assertNull(SimdBackend.unavailableReason(), "the simd backend cannot run in this JVM");
    }

    static void check(String kernel, String what, INDArray expected, INDArray actual, double tolerance) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double worst = actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue()
                / Math.max(1, e.amaxNumber().doubleValue());
        System.out.printf("host %s %s: max error vs f64 %.3g (relative to max |value|)%n", kernel, what, worst);
        assertTrue(worst < tolerance, kernel + " " + what + " differs from the f64 op path by " + worst);
    }
}
