package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The host stand-in for libcuda/libcublas (cuda/src/test/cuda/fake_cuda.cpp: the project's own kernels compiled for
 * the CPU behind the driver API), which the cuda module's tests build into cuda/target/fake-cuda before this module's
 * tests run. A launcher whose R1J_CUDA_LIBRARY_PATH names that folder opens it as its GPU, so the end-to-end tests can
 * drive the product on the cuda backend through the same launcher, kernel and FFM bindings as on a real GPU.
 */
public final class FakeCudaDevice {
    /** The line the cuda backend prints when it opens the stand-in. */
    public static final String OPENED = "r1j: backend cuda on r1j fake CUDA device (host CPU, tests only)";

    private FakeCudaDevice() {}

    /** The stand-in's folder; skips loudly (or fails under R1J_REQUIRE_EXTERNAL=1) where it was not built. */
    public static Path folder() {
        Path dir = R1jCli.root().resolve("cuda/target/fake-cuda");
        if (!Files.isRegularFile(dir.resolve("libcuda.so.1"))) {
            String message = dir.resolve("libcuda.so.1") + " is missing, so the cuda backend cannot be driven end to end here;"
                    + " the cuda module's tests build it (needs g++): ./mvnw -B -pl cuda -am test";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) fail(message + " (R1J_REQUIRE_EXTERNAL=1)");
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return dir;
    }

    /** The launcher's environment for the cuda backend on the stand-in. */
    public static Map<String, String> env() {
        return Map.of("R1J_BACKEND", "cuda", "R1J_CUDA_LIBRARY_PATH", folder().toString());
    }
}
