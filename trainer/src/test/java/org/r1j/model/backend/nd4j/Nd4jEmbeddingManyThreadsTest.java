package org.r1j.model.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedding backward's scatter-add with libnd4j on several threads: many updates into a few rows (a repeated
 * token) must all land. Unlocked, libnd4j's scatter_add splits the indices over its threads and updates of the same
 * row race; with OMP_NUM_THREADS > 1 (the launcher's default on machines with more than 2 CPUs) the same seed then
 * gave a different GRPO run each time (the device kit's calibration: step-0 grad norm up to 4.5x its limit).
 * Runs in trainer's {@code many-threads} surefire execution (OMP_NUM_THREADS=4, read by libnd4j once at start).
 */
class Nd4jEmbeddingManyThreadsTest {
    @Test
    void repeatedRowsGetEveryUpdateOnManyThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        assumeTrue(omp != null && Integer.parseInt(omp.strip()) > 1, "needs libnd4j on several threads: trainer's many-threads execution");
        int n = 200_000, rows = 3, c = 4;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = i % rows;
        INDArray table = Nd4j.zeros(DataType.FLOAT, rows, c);
        INDArray values = Nd4j.ones(DataType.FLOAT, n, c);
        for (int round = 0; round < 5; round++) {
            table.assign(0);
            Nd4jEmbedding.backward(table, values, Nd4j.createFromArray(ids));
            float[] want = new float[rows * c];
            java.util.Arrays.fill(want, (float) (n / rows + 1));   // 200,000 = 3 x 66,666 + 2: rows 0, 1 get one more
            want[2 * c] = want[2 * c + 1] = want[2 * c + 2] = want[2 * c + 3] = n / rows;
            assertArrayEquals(want, table.data().asFloat(), "round " + round + ": every update of every repeated row");
        }
    }
}
