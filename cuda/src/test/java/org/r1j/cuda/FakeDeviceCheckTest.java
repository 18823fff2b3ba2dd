package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.cuda.check.DeviceCheck;

/**
 * The whole device check — FFM descriptors of every driver and cuBLAS call, launch-argument packing, the context,
 * allocator and stream-ordered copies, every golden case through CudaOps, the GEMM checks through GemmLayout, every
 * benchmark (sizes shrunk) — against src/test/cuda/fake_cuda.cpp, a host stand-in for libcuda/libcublas that runs
 * the kernels' host build. Proves the Java side and its argument orders without a GPU; proves nothing about GPUs.
 * Where CUDA's cuda.h is installed, the stand-in is also compiled against it, so its driver prototypes are NVIDIA's.
 */
class FakeDeviceCheckTest {
    private static String gxx() {
        return System.getenv().getOrDefault("CXX", "g++");
    }

    private static void compile(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + "\n" + log);
    }

    @Test
    void theDeviceCheckPassesOnTheHostStandIn(@TempDir Path out) throws Exception {
        HostProgram.build();   // skips (or fails under R1J_REQUIRE_EXTERNAL) without a C++ compiler
        Path lib = Path.of("target", "fake-cuda");
        Files.createDirectories(lib);
        List<String> flags = List.of("-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror", "-I", "src/main/cuda", "-I", "src/test/cuda");
        for (String home : List.of("/usr/local/cuda", "/usr/local/cuda-13.0")) {
            if (Files.exists(Path.of(home, "include", "cuda.h"))) {
                List<String> check = new ArrayList<>(List.of(gxx(), "-fsyntax-only", "-DR1J_CHECK_AGAINST_CUDA_H", "-I", home + "/include"));
                check.addAll(flags);
                check.add("src/test/cuda/fake_cuda.cpp");
                compile(check);
                break;
            }
        }
        List<String> cmd = new ArrayList<>(List.of(gxx(), "-fPIC", "-shared"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-o", lib.resolve("libcuda.so.1").toString(), "src/test/cuda/fake_cuda.cpp"));
        compile(cmd);
        for (String so : List.of("libcublas.so.13", "libcublasLt.so.13"))
            Files.copy(lib.resolve("libcuda.so.1"), lib.resolve(so), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

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
