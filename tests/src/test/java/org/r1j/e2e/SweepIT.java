package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./r1j sweep` through the real launcher: --check of the shipped example, a tiny sweep end to end, a bad file. */
class SweepIT {
    @Test
    void checkListsTheShippedExamplesRuns() throws Exception {
        R1jCli.Result r = R1jCli.run("sweep", "--check", "configs/sweep-example.yaml");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("2 grpo.loss_type x 2 grpo.beta x 2 grpo.seed = 8 runs; run once for all, in shared/: sft"), r.stdout());
        assertEquals(8, r.stdout().lines().filter(l -> l.startsWith("  loss_type-")).count(), r.stdout());
    }

    @Test
    void aTinySweepWritesResultsAndReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
                name: tiny
                runs_dir: %s
                base:
                  task: {name: arithmetic, seed: 1}
                  reward: %s
                  model: {preset: tiny, seed: 1}
                  stages:
                    - sft: {data: cold_start, examples: 32, max_steps: 4, batch_size: 4, max_length: 64}
                    - grpo: {problems: 10, max_steps: 2, prompts_per_step: 2, num_generations: 2, max_completion_length: 8,
                             eval_steps: 1, eval_problems: 2, num_generations_eval: 2}
                axes:
                  grpo.beta: [0.0, 0.04]
                """.formatted(dir, R1jCli.root().resolve("rewards/r1.reward")));
        R1jCli.Result r = R1jCli.run("sweep", file.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("sweep tiny: 2 done, 0 failed, 0 not finished"), r.stdout());
        String csv = Files.readString(dir.resolve("tiny/results.csv"));
        assertEquals(3, csv.lines().count(), csv);
        assertTrue(Files.readString(dir.resolve("tiny/report.html")).contains("held-out pass@1 during training"));
    }

    @Test
    void aBadAxisIsOneLineWithFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nbase: " + R1jCli.root().resolve("configs/arithmetic-r1.yaml") + "\naxes:\n  grpo.beta: []\n");
        R1jCli.Result r = R1jCli.run("sweep", "--check", file.toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("r1j sweep: " + file + ":4: axes.grpo.beta: the axis has no values"), r.stderr());
    }
}
