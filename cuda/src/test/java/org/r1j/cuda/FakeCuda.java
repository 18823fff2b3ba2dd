package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds src/test/cuda/fake_cuda.cpp, the host stand-in for libcuda/libcublas, as target/fake-cuda/libcuda.so.1
 * (copied as libcublas.so.13 and libcublasLt.so.13); a JVM whose R1J_CUDA_LIBRARY_PATH names that folder opens it
 * as its GPU. Where CUDA's cuda.h is installed, the stand-in is also compiled against it, so its driver prototypes
 * are NVIDIA's.
 */
public final class FakeCuda {
    private FakeCuda() {}

    private static String gxx() {
        return System.getenv().getOrDefault("CXX", "g++");
    }

    private static void compile(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + "\n" + log);
    }

    /** The folder holding the built stand-in (skips, or fails under R1J_REQUIRE_EXTERNAL, without a C++ compiler). */
    public static synchronized Path build() throws Exception {
        HostProgram.build();
        Path lib = Path.of("target", "fake-cuda").toAbsolutePath();
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
        Path so = lib.resolve("libcuda.so.1"), tmp = lib.resolve("libcuda.so.1.tmp");
        List<String> cmd = new ArrayList<>(List.of(gxx(), "-fPIC", "-shared"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-o", tmp.toString(), "src/test/cuda/fake_cuda.cpp"));
        compile(cmd);
        Files.move(tmp, so, StandardCopyOption.REPLACE_EXISTING);   // never a half-written library for a JVM that loads it
        for (String name : List.of("libcublas.so.13", "libcublasLt.so.13"))
            Files.copy(so, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return lib;
    }
}
