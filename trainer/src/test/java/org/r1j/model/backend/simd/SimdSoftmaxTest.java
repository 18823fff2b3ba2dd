package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.r1j.model.backend.simd.F64Reference.assertSimd;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host softmax gives ND4J's {@code softmax(att + mask)} in f32: one mask for all rows and one per row, left
 * padding and causal -inf at both ends of a row, row lengths with and without a SIMD tail, a strided mask view.
 */
class SimdSoftmaxTest {
    @Test
    void maskedSoftmaxMatchesNd4j() {
        assertSimd();
        Nd4j.getRandom().setSeed(5);
        for (int S : new int[] {5, 16, 37}) {
            for (int MB : new int[] {1, 3}) {
                int B = 3, H = 2, R = 2 * S;
                INDArray full = Nd4j.create(DataType.FLOAT, MB, 1, R + 4, S + 3);   // the mask is a view of this
                for (int b = 0; b < MB; b++) {
                    int pad = b;                                                   // row b hides its first b keys
                    for (int r = 0; r < R + 4; r++) {
                        for (int s = 0; s < S + 3; s++) {
                            boolean visible = s >= Math.min(pad, S - 1) && s <= Math.max(r / 2, Math.min(pad, S - 1));
                            full.putScalar(new long[] {b, 0, r, s}, visible ? 0.25 * ((r + s) % 3) : Double.NEGATIVE_INFINITY);
                        }
                    }
                }
                INDArray mask = full.get(all(), all(), interval(2, R + 2), interval(0, S));
                INDArray att = Nd4j.randn(DataType.FLOAT, B, H, R, S).muli(4);
                INDArray expected = att.add(mask.dup('c'));
                Nd4j.exec(new SoftMax(expected, expected, -1));
                SimdSoftmax.maskedInPlace(att, mask);
                double worst = att.sub(expected).amaxNumber().doubleValue();
                System.out.printf("host softmax S=%d mask rows %d: max |diff| vs ND4J %.3g%n", S, MB, worst);
                assertTrue(worst < 1e-6, "S=" + S + " MB=" + MB + ": differs from ND4J by " + worst);
                assertTrue(Math.abs(att.sum(3).sub(1).amaxNumber().doubleValue()) < 1e-5, "rows sum to 1");
            }
        }
    }

    @Test
    void rowThatHidesEveryKeyIsRefused() {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 4);
        for (int s = 0; s < 4; s++) mask.putScalar(new long[] {0, 0, 1, s}, Double.NEGATIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimdSoftmax.maskedInPlace(Nd4j.rand(DataType.FLOAT, 2, 1, 2, 4), mask));
        assertTrue(e.getMessage().contains("hides every key"), e.getMessage());
    }
}
