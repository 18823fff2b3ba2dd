package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.cuda.check.DeviceCheck;

/**
 * The whole device check — FFM descriptors of every driver and cuBLAS call, launch-argument packing, the context,
 * allocator and stream-ordered copies, every golden case through CudaOps, the GEMM checks through GemmLayout, every
 * benchmark (sizes shrunk) — against src/test/cuda/fake_cuda.cpp, a host stand-in for libcuda/libcublas that runs
 * the kernels' host build. Proves the Java side and its argument orders without a GPU; proves nothing about GPUs.
 */
class FakeDeviceCheckTest {
    @Test
    void theDeviceCheckPassesOnTheHostStandIn(@TempDir Path out) throws Exception {
        Path lib = FakeCuda.build();

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), DeviceCheck.class.getName(),
                "--goldens", GoldenDir.get().toString(), "--out", out.toString(), "--reps", "1", "--shrink", "64").redirectErrorStream(true);
        pb.environment().put("R1J_CUDA_LIBRARY_PATH", lib.toAbsolutePath().toString());
        pb.environment().remove("LD_LIBRARY_PATH");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        String md = Files.exists(out.resolve("device-check.md")) ? Files.readString(out.resolve("device-check.md")) : "(no report)";
        assertEquals(0, rc, log + "\n" + md);
        assertTrue(md.contains("device: r1j fake CUDA device (host CPU, tests only)"), md);
        assertTrue(md.contains(lib.toAbsolutePath().resolve("libcuda.so.1").toString()), "found by the search: " + md);
        assertTrue(md.contains("ALL CHECKS PASSED"), md);
        assertFalse(md.contains("FAILED") || md.contains("**"), "no failed or errored row: " + md);
        assertFalse(log.contains("leaked") || log.contains("still open"), "every buffer freed: " + log);
        String json = Files.readString(out.resolve("device-check.json"));
        assertTrue(json.contains("\"TFLOP/s\"") && json.contains("\"GB/s\""), json);
        assertFalse(json.contains("\"error\""), json);
    }
}
