package org.r1j.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.backend.nd4j.Nd4jLogProbHead;
import org.nd4j.linalg.factory.Nd4j;

/** Log-probs and entropies against hand-computed values. */
class LogProbHeadTest {
    @Test
    void matchesHandComputedSoftmax() {
        double[] z = {1.0, 2.0, 0.5};
        double temperature = 2.0;
        INDArray logits = Nd4j.create(z, new long[] {1, 3}, 'c');
        INDArray[] out = Nd4jLogProbHead.forward(Nd4j.create(DataType.DOUBLE, 1, 3), logits, Nd4j.createFromArray(1L), temperature);
        double lse = Math.log(Math.exp(0.5) + Math.exp(1.0) + Math.exp(0.25));
        assertEquals(1.0 - lse, out[0].getDouble(0), 1e-12);
        double h = 0;
        for (double zi : z) { double lp = zi / temperature - lse; h -= Math.exp(lp) * lp; }
        assertEquals(h, out[1].getDouble(0), 1e-12);
    }
}
