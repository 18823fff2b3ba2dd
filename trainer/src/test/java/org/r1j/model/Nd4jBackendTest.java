package org.r1j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The native backend loads and multiplies correctly (the build's natives match the platform). */
class Nd4jBackendTest {
    @Test
    void matmulMatchesHandComputedProduct() {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}).castTo(DataType.FLOAT);
        INDArray b = Nd4j.create(new float[] {7, 8, 9, 10, 11, 12}, new long[] {3, 2}).castTo(DataType.FLOAT);
        assertArrayEquals(new float[] {58, 64, 139, 154}, a.mmul(b).reshape(4).toFloatVector(), 0f);
    }
}
