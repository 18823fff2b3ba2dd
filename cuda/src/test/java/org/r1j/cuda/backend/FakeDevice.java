package org.r1j.cuda.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.cuda.FakeCuda;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Backends;

/**
 * The cuda backend on the host stand-in for libcuda/libcublas, shared by this package's test classes: the provider
 * opens one backend per JVM (on the first calling thread, surefire's main thread), so no class closes it; the
 * stand-in's memory goes with the JVM.
 */
final class FakeDevice {
    private static CudaBackend backend;

    private FakeDevice() {}

    static synchronized CudaBackend backend() throws Exception {
        assumeTrue(System.getenv("R1J_CUDA_LIBRARY_PATH") != null,
                "runs in the cuda module's fake-device surefire execution, which points R1J_CUDA_LIBRARY_PATH at the stand-in");
        if (backend == null) {
            FakeCuda.build();
            Backend be = Backends.select("cuda", DataType.FLOAT);
            backend = assertInstanceOf(CudaBackend.class, be);
            assertSame(be, Backends.select("cuda", DataType.FLOAT), "one backend per JVM");
            assertEquals("r1j fake CUDA device (host CPU, tests only)", backend.context().info().name());
        }
        return backend;
    }

    /** The backend {@link #backend()} opened (in a test class's set-up). */
    static CudaBackend opened() {
        if (backend == null) throw new IllegalStateException("FakeDevice.backend() was not called in this test class's set-up");
        return backend;
    }
}
