package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.r1j.model.backend.simd.F64Reference.assertSimd;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.nd4j.Nd4jSwiGlu;

/**
 * In f32 {@link org.r1j.model.backend.nd4j.Nd4jSwiGlu} runs as {@link SimdSwiGlu}; it must give the f64 op path's values (which the gradient
 * checks cover) to f32 precision, over more than one heap chunk and a SIMD tail, with large |gate| included.
 */
class SimdSwiGluTest {
    @Test
    void hostPassesMatchTheF64OpPath() {
        assertSimd();
        Nd4j.getRandom().setSeed(3);
        long N = 7, I = 333;                                       // 2,331 elements: one full chunk, a partial one, a tail
        INDArray gate = Nd4j.randn(DataType.DOUBLE, N, I).muli(3), up = Nd4j.randn(DataType.DOUBLE, N, I);
        gate.putScalar(0, 0, 90.0);
        gate.putScalar(0, 1, -90.0);
        INDArray dh = Nd4j.randn(DataType.DOUBLE, N, I);
        INDArray h = gate.ulike(), sig = gate.ulike(), dgate = gate.ulike(), dup = gate.ulike();
        Nd4jSwiGlu.forward(h, sig, gate, up);
        Nd4jSwiGlu.backward(dgate, dup, dh, gate, up, sig);

        INDArray gateF = gate.castTo(DataType.FLOAT), upF = up.castTo(DataType.FLOAT), dhF = dh.castTo(DataType.FLOAT);
        INDArray hF = gateF.ulike(), sigF = gateF.ulike(), dgateF = gateF.ulike(), dupF = gateF.ulike();
        SimdBackend.INSTANCE.swiGlu(hF, sigF, gateF, upF);
        SimdBackend.INSTANCE.swiGluBackward(dgateF, dupF, dhF, gateF, upF, sigF);
        F64Reference.check("swiglu", "sigmoid", sig, sigF, 2e-6);
        F64Reference.check("swiglu", "h", h, hF, 2e-6);
        F64Reference.check("swiglu", "dgate", dgate, dgateF, 2e-6);
        F64Reference.check("swiglu", "dup", dup, dupF, 2e-6);
    }
}
