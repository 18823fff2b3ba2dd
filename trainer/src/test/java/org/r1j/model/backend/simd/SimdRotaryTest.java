package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.r1j.model.backend.simd.F64Reference.assertSimd;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.nd4j.HostArrays;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.backend.nd4j.Nd4jRotary;
import org.r1j.model.layers.Rotary;

/**
 * With full per-head tables in f32, {@link Rotary} runs as {@link SimdRotary}; forward and backward must give the
 * f64 op path's values (GEMM with R, which the gradient checks cover): head sizes with SIMD halves (32) and with
 * scalar halves only (12), more rows than one chunk holds.
 */
class SimdRotaryTest {
    @Test
    void hostPassesMatchTheF64OpPath() {
        Nd4j.getRandom().setSeed(6);
        for (int hs : new int[] {32, 12}) {
            long N = 97, H = 5;
            Rotary host = new Rotary(8, hs, 10000, DataType.FLOAT, SimdBackend.INSTANCE);
            INDArray exactR = HostArrays.of(new Rotary(8, hs, 10000, DataType.DOUBLE, Nd4jBackend.INSTANCE).rotateHalfMatrix());
            INDArray x = Nd4j.randn(DataType.DOUBLE, N, H, hs), cos = Nd4j.randn(DataType.DOUBLE, N, H, hs),
                    sin = Nd4j.randn(DataType.DOUBLE, N, H, hs);
            INDArray fwd = x.dup(), bwd = x.dup();
            Nd4jRotary.forward(exactR, fwd, cos, sin, null);
            Nd4jRotary.backward(exactR, bwd, cos, sin, null);
            INDArray cosF = cos.castTo(DataType.FLOAT), sinF = sin.castTo(DataType.FLOAT);
            assertSimd();
            INDArray fwdF = x.castTo(DataType.FLOAT), bwdF = x.castTo(DataType.FLOAT);
            SimdBackend.INSTANCE.rotary(HostArrays.of(host.rotateHalfMatrix()), fwdF, cosF, sinF, null);
            SimdBackend.INSTANCE.rotaryBackward(HostArrays.of(host.rotateHalfMatrix()), bwdF, cosF, sinF, null);
            F64Reference.check("rotary", "forward hs=" + hs, fwd, fwdF, 1e-6);
            F64Reference.check("rotary", "backward hs=" + hs, bwd, bwdF, 1e-6);
        }
    }
}
