package org.r1j.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In f32 {@link SwiGlu} runs as {@link HostSwiGlu}; it must give the f64 op path's values (which the gradient
 * checks cover) to f32 precision, over more than one heap chunk and a SIMD tail, with large |gate| included.
 */
class HostSwiGluTest {
    @Test
    void hostPassesMatchTheF64OpPath() {
        assertTrue(HostKernels.appliesTo(Nd4j.create(DataType.FLOAT, 2, 2)), "host kernels do not run in this JVM");
        Nd4j.getRandom().setSeed(3);
        long N = 7, I = 333;                                       // 2,331 elements: one full chunk, a partial one, a tail
        INDArray gate = Nd4j.randn(DataType.DOUBLE, N, I).muli(3), up = Nd4j.randn(DataType.DOUBLE, N, I);
        gate.putScalar(0, 0, 90.0);
        gate.putScalar(0, 1, -90.0);
        INDArray dh = Nd4j.randn(DataType.DOUBLE, N, I);
        INDArray h = gate.ulike(), sig = gate.ulike(), dgate = gate.ulike(), dup = gate.ulike();
        SwiGlu.forward(h, sig, gate, up);
        SwiGlu.backward(dgate, dup, dh, gate, up, sig);

        INDArray gateF = gate.castTo(DataType.FLOAT), upF = up.castTo(DataType.FLOAT), dhF = dh.castTo(DataType.FLOAT);
        INDArray hF = gateF.ulike(), sigF = gateF.ulike(), dgateF = gateF.ulike(), dupF = gateF.ulike();
        SwiGlu.forward(hF, sigF, gateF, upF);
        SwiGlu.backward(dgateF, dupF, dhF, gateF, upF, sigF);
        check("sigmoid", sig, sigF);
        check("h", h, hF);
        check("dgate", dgate, dgateF);
        check("dup", dup, dupF);
    }

    private static void check(String what, INDArray expected, INDArray actual) {
        INDArray e = expected.castTo(DataType.DOUBLE), a = actual.castTo(DataType.DOUBLE);
        double worst = a.sub(e).amaxNumber().doubleValue() / Math.max(1, e.amaxNumber().doubleValue());
        System.out.printf("host swiglu %s: max error vs f64 %.3g (relative to max |value|)%n", what, worst);
        assertTrue(worst < 2e-6, what + " differs from the f64 op path by " + worst);
    }
}
