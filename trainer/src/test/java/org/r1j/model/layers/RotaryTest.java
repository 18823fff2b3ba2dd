package org.r1j.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.backend.Tensor;
import org.r1j.model.backend.nd4j.HostArrays;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.backend.nd4j.Nd4jRotary;
import org.nd4j.linalg.factory.Nd4j;

/** Hugging Face's rotate_half convention: pairs (i, i + hs/2), frequency theta^(-2i/hs). */
class RotaryTest {
    @Test
    void rotatesFirstAndSecondHalfPairs() {
        int hs = 4, pos = 3;
        double theta = 100;
        Rotary rope = new Rotary(8, hs, theta, DataType.DOUBLE, Nd4jBackend.INSTANCE);
        Tensor[] cs = rope.at(Nd4jBackend.INSTANCE.wrap(Nd4j.createFromArray(pos)), 1, 1);
        double[] x = {0.5, -1.0, 2.0, 0.25};
        INDArray a = Nd4j.create(x, new long[] {1, 1, 1, hs}, 'c');
        Nd4jRotary.forward(HostArrays.of(rope.rotateHalfMatrix()), a, HostArrays.of(cs[0]), HostArrays.of(cs[1]), null);
        for (int i = 0; i < hs / 2; i++) {
            double angle = pos * (double) (float) Math.pow(theta, -2.0 * i / hs);
            double c = Math.cos(angle), s = Math.sin(angle);
            assertEquals(x[i] * c - x[i + 2] * s, a.getDouble(0, 0, 0, i), 1e-6);
            assertEquals(x[i + 2] * c + x[i] * s, a.getDouble(0, 0, 0, i + 2), 1e-6);
        }
    }
}
