package org.r1j.grpo;

/** Test access to GrpoLoss's package-private pieces the CUDA goldens need (the cuda module's tests only). */
public final class GrpoGoldenAccess {
    private GrpoGoldenAccess() {}

    /** GrpoLoss.highEntropyMask: 1 on unmasked tokens at or above the q-quantile of the entropies. */
    public static float[][] highEntropyMask(float[][] entropies, float[][] mask, double q) {
        return GrpoLoss.highEntropyMask(entropies, mask, q);
    }
}
