package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backends;
import org.r1j.cuda.driver.CudaDriver;

/** On a machine without the NVIDIA driver (CI, these build machines) the CUDA path fails at once, in one clear line. */
class NoGpuTest {
    private static boolean driverPresent() {
        return NativeLibrarySearch.system().find(CudaDriver.SONAME, new ArrayList<>()) != null;
    }

    @Test
    void withoutTheDriverOpeningAContextSaysSo() {
        assumeTrue(!driverPresent(), "this machine has libcuda.so.1: the no-GPU message is not what happens here");
        var e = assertThrows(MissingLibraryException.class, () -> CudaContext.open(0));
        String m = e.getMessage();
        assertTrue(m.startsWith("libcuda.so.1 not found: the NVIDIA driver is not installed"), m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }

    @Test
    void selectingTheCudaBackendWithoutTheDriverSaysWhy() {
        assumeTrue(!driverPresent(), "this machine has libcuda.so.1: the no-GPU message is not what happens here");
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda", DataType.FLOAT));
        String m = e.getMessage();
        assertTrue(m.startsWith("backend cuda cannot run here: libcuda.so.1 not found: the NVIDIA driver is not installed"), m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }
}
