package org.r1j.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.r1j.testing.ProjectFiles;

/** `r1j train` in-process: --check prints the effective config; bad configs exit 2 with file:line. */
class TrainCommandTest {
    static Path root() {
        return ProjectFiles.root();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run train(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        String oldRoot = System.getProperty("r1j.root");
        System.setProperty("r1j.root", root().toString());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new TrainCommand()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            if (oldRoot == null) System.clearProperty("r1j.root"); else System.setProperty("r1j.root", oldRoot);
        }
    }

    @Test
    void checkPrintsEverySettingAndThePlan() {
        Run r = train("--check", root().resolve("configs/countdown-r1.yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("name: countdown-r1"), r.out());
        assertTrue(r.out().contains("    num_generations: 8"), r.out());
        assertTrue(r.out().contains("    epsilon_high: 0.2"), "defaults are spelt out:\n" + r.out());
        for (String knob : java.util.List.of("    advantage_estimator: grpo", "    importance_sampling_level: token",
                "    kl_estimator: k3", "    steps_per_generation: 1", "    gradient_accumulation_steps: 1",
                "    filter_groups: false", "    vllm_importance_sampling_correction: false", "    min_p: 0.0")) {
            assertTrue(r.out().contains(knob), "--check shows " + knob + ":\n" + r.out());
        }
        assertTrue(r.out().contains("# 4 stages: sft → eval → grpo → eval"), r.out());
    }

    @Test
    void badConfigsExitTwoWithFileLineAndKey(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\ntask: {name: arithmetic}\nmodel: {preset: tiny}\nstages:\n  - eval: {k: 0}\n");
        Run r = train(bad.toString());
        assertEquals(2, r.code());
        assertEquals("r1j train: " + bad + ":5: stages[1].eval.k: k must be >= 1, got 0\n", r.err());
        Run missing = train(dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertEquals("r1j train: " + dir.resolve("nope.yaml") + ": no such file\n", missing.err());
    }
}
