package org.r1j.cuda.backend;

import java.util.Locale;

/**
 * What the CUDA backend's weight GEMMs (every {@code Linear} forward and backward, the LM head) compute in: the
 * backend's dtype knob, {@code R1J_CUDA_DTYPE} or {@code -Dr1j.cuda.dtype} (default f32). Weights, gradients,
 * AdamW's master copy and moments, activations and every element-wise kernel stay f32 whatever it says; this is
 * mixed precision in the sense of PyTorch's autocast (Micikevicius et al. 2018, "Mixed Precision Training"; bf16
 * needs no loss scaling, Kalamkar et al. 2019): operands are rounded for the tensor cores, products accumulate in f32.
 */
public enum GemmPrecision {
    /** f32 inputs, f32 math (cuBLAS COMPUTE_32F): the reference, what PyTorch does by default. */
    F32,
    /** f32 inputs, TF32 tensor-core math (COMPUTE_32F_FAST_TF32, 10-bit mantissas in the products); attention too. */
    TF32,
    /**
     * bf16 copies of both operands (rounded to nearest even by r1j_cast_f32_bf16), f32 accumulation and output
     * (COMPUTE_32F). Attention's batched GEMMs stay f32: their operands are strided views of the activations.
     */
    BF16;

    /** {@code -Dr1j.cuda.dtype}, else {@code R1J_CUDA_DTYPE}, else F32; an unknown name says which ones exist. */
    public static GemmPrecision configured() {
        String v = System.getProperty("r1j.cuda.dtype");
        if (v == null || v.isBlank()) v = System.getenv("R1J_CUDA_DTYPE");
        return v == null || v.isBlank() ? F32 : parse(v);
    }

    public static GemmPrecision parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("R1J_CUDA_DTYPE: unknown '" + name + "'; use f32, tf32 or bf16");
        }
    }
}
