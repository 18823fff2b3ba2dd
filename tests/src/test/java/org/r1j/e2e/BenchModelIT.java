package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * `./r1j bench model` on a tiny shape runs both sides and prints the side-by-side lines and ratios (a smoke test
 * of the command and of the PyTorch script it ships: the numbers themselves are the benchmark's business).
 */
class BenchModelIT {
    @Test
    void tinyBenchPrintsBothSidesAndTheRatios() throws Exception {
        R1jCli.Result r = R1jCli.run(600, Map.of(), "bench", "model", "--config", "tiny", "--batch", "2", "--seq", "32",
                "--steps", "1", "--gen-batch", "2", "--prompt-len", "4", "--new-tokens", "8", "--gen-repeats", "2");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("r1j     train") && r.stdout().contains("generate"), r.all());
        assertTrue(r.stdout().contains("peak heap"), "memory line missing:\n" + r.stdout());
        if (!torchPresent()) {
            String why = "PyTorch (python3-torch under " + python() + ") is missing, so the PyTorch side was skipped";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) fail(why + " (R1J_REQUIRE_EXTERNAL=1)");
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        assertTrue(r.stdout().contains("pytorch train"), "no PyTorch line:\n" + r.all());
        assertTrue(r.stdout().contains("ratio r1j/pytorch (wall tokens/s, best run)"), "no ratio line:\n" + r.stdout());
    }

    private static Path python() {
        String env = System.getenv("R1J_PYTHON");
        return Path.of(env == null || env.isBlank() ? "/usr/bin/python3" : env);
    }

    private static boolean torchPresent() throws Exception {
        if (!Files.isExecutable(python())) return false;
        Process p = new ProcessBuilder(python().toString(), "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
