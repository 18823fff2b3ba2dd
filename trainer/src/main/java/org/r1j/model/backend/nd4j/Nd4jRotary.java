package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.layers.Rotary;

/**
 * {@link Rotary}'s rotation in ND4J ops (the reference the {@code nd4j} backend runs; {@code simd} rotates with full
 * per-head tables in one SIMD pass): {@code out = x * cos + rotate_half(x) * sin}, with rotate_half as one GEMM with
 * the (hs, hs) signed permutation R (strided half-copies cost more than the small matmul in ND4J).
 */
public final class Nd4jRotary {
    private Nd4jRotary() {}

    /**
     * In place: {@code x = x * cos + (x @ R) * sin}.
     *
     * @param rot     (hs, hs) R ({@link Rotary#rotateHalfMatrix})
     * @param x       (..., hs) contiguous, e.g. (B, H, T, hs) or the fused (N, NH + 2 KVH, hs)
     * @param cos     broadcastable to x: (B, 1, T, hs) from {@link Rotary#at}, or x's shape from {@link Rotary#headTables}
     * @param scratch x's shape, contiguous; overwritten (null: allocate)
     */
    public static void forward(INDArray rot, INDArray x, INDArray cos, INDArray sin, INDArray scratch) {
        long hs = x.size(x.rank() - 1);
        INDArray rotated = scratch != null ? scratch : x.ulike();
        Nd4j.gemm(x.reshape(x.length() / hs, hs), rot, rotated.reshape(x.length() / hs, hs), false, false, 1.0, 0.0);
        rotated.muli(sin);
        x.muli(cos).addi(rotated);
    }

    /**
     * In place on the gradient (contiguous). Forward was {@code out = x * cos + (x @ R) * sin}, so
     * {@code dx = dout * cos + (dout * sin) @ R^T}.
     */
    public static void backward(INDArray rot, INDArray dx, INDArray cos, INDArray sin, INDArray scratch) {
        long hs = dx.size(dx.rank() - 1);
        INDArray t = scratch != null ? scratch : dx.ulike();
        dx.mul(sin, t);
        dx.muli(cos);
        Nd4j.gemm(t.reshape(t.length() / hs, hs), rot, dx.reshape(dx.length() / hs, hs), false, true, 1.0, 1.0);
    }
}
