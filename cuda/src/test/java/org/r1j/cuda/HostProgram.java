package org.r1j.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds src/test/cuda/host_check.cpp with the host's C++ compiler (CXX, else g++), once per test JVM. */
final class HostProgram {
    private static Path built;

    private HostProgram() {}

    static synchronized Path build() throws Exception {
        if (built != null) return built;
        String cxx = System.getenv().getOrDefault("CXX", "g++");
        boolean present;
        try {
            present = new ProcessBuilder(cxx, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            present = false;
        }
        if (!present) {
            String why = "no C++ compiler ('" + cxx + "' not found; set CXX or install g++): the host build of the CUDA kernels is not checked";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) fail(why + " (R1J_REQUIRE_EXTERNAL=1)");
            System.err.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        Path out = Path.of("target", "host-check", "r1j_host_check");
        Files.createDirectories(out.getParent());
        List<String> cmd = List.of(cxx, "-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror", "-I", "src/main/cuda", "-I", "src/test/cuda",
                "-o", out.toString(), "src/test/cuda/host_check.cpp");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) fail("host build of the kernels failed: " + String.join(" ", cmd) + "\n" + log);
        built = out;
        return out;
    }
}
