package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.r1j.model.backend.simd.F64Reference.assertSimd;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.nd4j.Nd4jRmsNorm;

/**
 * In f32 {@link org.r1j.model.backend.nd4j.Nd4jRmsNorm} runs as {@link SimdRmsNorm}; it must give the f64 op path's values (which the gradient
 * checks cover) to f32 precision: widths with and without a SIMD tail, gradients added to what is there, and the
 * weight and its gradient as views at an offset (as in the flat parameter buffer).
 */
class SimdRmsNormTest {
    @Test
    void hostPassesMatchTheF64OpPath() {
        Nd4j.getRandom().setSeed(9);
        for (int C : new int[] {16, 37}) {
            int N = 11;
            INDArray x = Nd4j.randn(DataType.DOUBLE, N, C).muli(2), dout = Nd4j.randn(DataType.DOUBLE, N, C);
            INDArray flat = Nd4j.randn(DataType.DOUBLE, 1, 3 + 2 * C);
            INDArray w = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + C));
            INDArray dinp0 = Nd4j.randn(DataType.DOUBLE, N, C), dw0 = Nd4j.randn(DataType.DOUBLE, C);

            INDArray out = x.ulike(), rstd = Nd4j.create(DataType.DOUBLE, N, 1);
            Nd4jRmsNorm.forward(out, rstd, x, w, 1e-5);
            INDArray dinp = dinp0.dup(), dw = dw0.dup();
            Nd4jRmsNorm.backward(dinp, dw, dout, x, w, rstd);

            INDArray flatF = flat.castTo(DataType.FLOAT);
            INDArray wF = flatF.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(3 + C, 3 + 2 * C)).assign(w.castTo(DataType.FLOAT));
            assertSimd();
            INDArray xF = x.castTo(DataType.FLOAT), outF = xF.ulike(), rstdF = Nd4j.create(DataType.FLOAT, N, 1);
            SimdBackend.INSTANCE.rmsNorm(outF, rstdF, xF, wF, 1e-5);
            INDArray dinpF = dinp0.castTo(DataType.FLOAT), dwF = dw0.castTo(DataType.FLOAT);
            SimdBackend.INSTANCE.rmsNormBackward(dinpF, dwF, dout.castTo(DataType.FLOAT), xF, wF, rstdF, null, null);
            F64Reference.check("rmsnorm", "out C=" + C, out, outF, 2e-6);
            F64Reference.check("rmsnorm", "rstd C=" + C, rstd, rstdF, 2e-6);
            F64Reference.check("rmsnorm", "dinp C=" + C, dinp, dinpF, 2e-6);
            F64Reference.check("rmsnorm", "dw C=" + C, dw, dwF, 2e-6);
        }
    }
}
