package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.r1j.cuda.check.CaseDir;
import org.r1j.cuda.check.Tolerance;

/**
 * The kernels' arithmetic (src/main/cuda/r1j_ops.cuh), built for the host by g++ into the test program
 * src/test/cuda/host_check.cpp, against trainer's Java reference on every golden case. Skips loudly without a C++
 * compiler, and fails then under R1J_REQUIRE_EXTERNAL=1 (CI installs g++).
 */
class HostKernelsTest {
    private static Path goldens;
    private static Path program;

    @BeforeAll
    static void buildAndRun() throws Exception {
        program = HostProgram.build();
        goldens = GoldenDir.get();
        List<Path> cases = CaseDir.under(goldens);
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cases.forEach(c -> cmd.add(c.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) fail("r1j_host_check exited " + rc + ":\n" + out);
    }

    @Test
    void everyCaseAgreesWithTheJavaReference() {
        List<String> failures = new ArrayList<>();
        Set<String> ops = new TreeSet<>();
        int outputs = 0;
        for (Path dir : CaseDir.under(goldens)) {
            CaseDir c = CaseDir.read(dir);
            ops.add(c.op());
            for (String name : c.outputs()) {
                String type = c.type(name);
                Tolerance.Agreement a = c.tolerance(name).compare(CaseDir.doubles(c.host(name), type),
                        CaseDir.doubles(c.expected(name), type));
                outputs++;
                System.out.printf("host %-32s %-10s %s%n", c.name(), name, a.summary());
                if (!a.ok()) failures.add(c.name() + " " + name + ": " + a.summary());
            }
        }
        assertTrue(failures.isEmpty(), "host kernels disagree with the Java reference:\n" + String.join("\n", failures));
        assertEquals(Set.of("adamw", "add_bias", "cast_bf16_f32", "cast_f32_bf16", "column_sums", "copy_strided", "entropy_bwd", "gather", "grpo_token",
                "logprob", "logprob_bwd", "masked_softmax", "rmsnorm_bwd", "rmsnorm_fwd", "rotary", "row_dot", "sample",
                "scatter_add", "softmax_bwd", "sum", "swiglu", "swiglu_bwd"), ops, "every kernel family has a golden case");
        assertTrue(outputs > 50, "compared " + outputs + " outputs");
    }

    @Test
    void aBrokenCaseIsNamedWithItsReason() throws Exception {
        Path bad = Path.of("target", "cuda-goldens-bad", "x");
        deleteTree(bad.getParent());
        CaseDir c = CaseDir.create(bad, "rmsnorm_fwd").param("N", 2).param("C", 4).param("eps", 1e-6f).param("lanes", 32);
        c.input("inp", new float[7]);   // 8 expected
        c.input("w", new float[4]);
        c.save();
        Process p = new ProcessBuilder(program.toString(), bad.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor());
        assertTrue(out.contains("in_inp.bin: 28 bytes, expected 32"), out);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
