package org.r1j.model.io;

/** Test access to HalfFloats' bf16 conversions, the reference of the CUDA cast kernels (the cuda module's tests only). */
public final class Bf16Access {
    private Bf16Access() {}

    public static short floatToBf16(float f) { return HalfFloats.floatToBf16(f); }

    public static float bf16ToFloat(short b) { return HalfFloats.bf16ToFloat(b); }
}
