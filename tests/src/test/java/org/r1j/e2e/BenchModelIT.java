package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * `./r1j bench model` on a tiny shape runs both sides and prints the side-by-side lines and ratios (a smoke test
 * of the command and of the PyTorch script it ships: the numbers themselves are the benchmark's business), with
 * PyTorch run at every default thread setting and the ratio taken against the best of them.
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
        String out = r.stdout();
        // one python run per default setting, torch/BLAS threads (the first three are one run on a 1-CPU machine)
        int n = Runtime.getRuntime().availableProcessors();
        List<String> expected = n == 1 ? List.of("1/1", "1/free") : List.of("1/1", n + "/1", n + "/" + n, "1/free");
        assertTrue(out.contains("pytorch settings: " + String.join(",", expected) + " "), out);
        Matcher m = TORCH_LINE.matcher(out);
        List<String> ran = new ArrayList<>();
        double bestTrain = 0, bestGen = 0;
        while (m.find()) {
            ran.add(m.group(3));
            bestTrain = Math.max(bestTrain, Double.parseDouble(m.group(1)));
            bestGen = Math.max(bestGen, Double.parseDouble(m.group(2)));
        }
        assertEquals(expected, ran, "one PyTorch line per setting, in order:\n" + r.all());
        assertTrue(out.contains("1/free: torch 1 thread, BLAS free"), out);
        // the headline ratio is r1j over the best PyTorch setting of each measure (printed rounded: allow for it)
        Matcher r1j = R1J_LINE.matcher(out), ratio = RATIO_MEAN.matcher(out);
        assertTrue(r1j.find() && ratio.find(), "no r1j or ratio line:\n" + out);
        assertRatio(Double.parseDouble(r1j.group(1)) / bestTrain, Double.parseDouble(ratio.group(1)), out);
        assertRatio(Double.parseDouble(r1j.group(2)) / bestGen, Double.parseDouble(ratio.group(2)), out);
        assertTrue(out.contains("ratio r1j/pytorch (wall tokens/s, best run)"), "no best-run ratio line:\n" + out);
    }

    @Test
    void torchThreadsRunsOnlyTheSettingsAsked() throws Exception {
        Assumptions.assumeTrue(torchPresent(), "PyTorch missing (the test above says so loudly)");
        R1jCli.Result r = R1jCli.run(600, Map.of(), "bench", "model", "--config", "tiny", "--batch", "2", "--seq", "16",
                "--steps", "1", "--gen-batch", "1", "--prompt-len", "2", "--new-tokens", "4", "--gen-repeats", "1",
                "--torch-threads", "1/free");
        assertEquals(0, r.exitCode(), r.all());
        Matcher m = TORCH_LINE.matcher(r.stdout());
        List<String> ran = new ArrayList<>();
        while (m.find()) ran.add(m.group(3));
        assertEquals(List.of("1/free"), ran, r.all());
        assertTrue(r.stdout().contains("(best of 1 setting)"), r.stdout());
    }

    private static final Pattern TORCH_LINE = Pattern.compile(
            "^pytorch train +(\\d+) tokens/s .* generate +(\\d+) tokens/s .*\\[([0-9]+/(?:[0-9]+|free)): ", Pattern.MULTILINE);
    private static final Pattern R1J_LINE = Pattern.compile("^r1j +train +(\\d+) tokens/s .* generate +(\\d+) tokens/s", Pattern.MULTILINE);
    private static final Pattern RATIO_MEAN = Pattern.compile(
            "^ratio r1j/pytorch \\(wall tokens/s, mean\\): train ([0-9.]+) +generate ([0-9.]+)", Pattern.MULTILINE);

    /** Printed ratio vs recomputed from the printed tokens/s (integers) and the 2-decimal rounding. */
    private static void assertRatio(double expected, double printed, String out) {
        assertEquals(expected, printed, 0.005 + expected * 0.005, "ratio not against PyTorch's best:\n" + out);
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
