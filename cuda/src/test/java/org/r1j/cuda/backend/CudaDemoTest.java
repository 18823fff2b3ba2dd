package org.r1j.cuda.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.RewardProgram;
import org.r1j.pipeline.demo.Demo;
import org.r1j.pipeline.demo.DemoSettings;
import org.r1j.pipeline.config.YamlDoc;
import org.r1j.sweep.SweepListener;
import org.r1j.sweep.SweepOutcome;
import org.r1j.sweep.SweepPlan;
import org.r1j.sweep.SweepResults;
import org.r1j.sweep.SweepRunner;
import org.r1j.sweep.SweepSpec;
import org.r1j.testing.ProjectFiles;

/**
 * The demo's pipeline (cold-start SFT, evaluation, GRPO with the r1 reward program and its in-run evaluation,
 * evaluation) in miniature with {@code -Dr1j.backend=cuda} on the fake device, as {@code ./r1j demo} runs it, and the
 * same on nd4j: every stage runs on the backend the pipeline picks, the losses agree within f32 rounding (1e-4), the
 * GRPO rollouts token for token (a near-tie could split them; this seed has none) and so do the held-out numbers
 * (0% for a model this small after 3 SFT steps: they check that evaluation runs, not what it finds); and the pipeline
 * gives every device byte back.
 */
class CudaDemoTest {
    @BeforeAll
    static void open() throws Exception {
        FakeDevice.backend();
    }

    /** Tiny sizes: 20 cold-start examples, 3 SFT steps, 2 GRPO steps of 2 prompts x 4, 4 held-out problems, k = 2. */
    private static final DemoSettings MINI = new DemoSettings(1, 20, 0.0, 3, 4, 3e-3, 4, 2, 0, 2, 0, 2, 4, 1e-4, 0.6, 0.0, 12);

    private static Demo.Outcome run(String backend, Path out) throws Exception {
        String before = System.getProperty("r1j.backend");
        System.setProperty("r1j.backend", backend);
        try {
            RewardProgram r1 = RewardProgram.compile(ProjectFiles.reward("r1.reward")).orThrow();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Demo.Outcome o = new Demo(MINI, r1, "r1.reward", out, new PrintStream(log, true)).run();
            System.out.println(backend + ":\n" + log);
            return o;
        } finally {
            if (before == null) System.clearProperty("r1j.backend");
            else System.setProperty("r1j.backend", before);
        }
    }

    /** Column {@code name} of a metrics.csv, one value per row (empty cells: NaN). */
    private static double[] column(Path csv, String name) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int c = Arrays.asList(lines.get(0).split(",")).indexOf(name);
        assertTrue(c >= 0, csv + " has no column " + name);
        return lines.stream().skip(1).map(l -> l.split(",", -1)).mapToDouble(f -> f[c].isEmpty() ? Double.NaN : Double.parseDouble(f[c])).toArray();
    }

    @Test
    void theDemoPipelineRunsOnCudaAsOnNd4j(@TempDir Path dir) throws Exception {
        CudaBackend cu = FakeDevice.opened();
        long live = cu.context().allocator().liveBytes(), reads = cu.downloads();
        Demo.Outcome cuda = run("cuda", dir.resolve("cuda"));
        assertTrue(cu.downloads() > reads + 100, "the pipeline ran on the cuda backend (its logits came off the device)");
        assertEquals(live, cu.context().allocator().liveBytes(), "the pipeline closed its models and trainers: every device byte back");
        Demo.Outcome nd4j = run("nd4j", dir.resolve("nd4j"));
        assertTrue(Files.exists(dir.resolve("cuda/grpo/model/config.json")), "the GRPO model was saved from the device");
        for (String stage : List.of("sft", "grpo")) {
            double[] want = column(dir.resolve("nd4j/" + stage + "/metrics.csv"), "loss");
            double[] got = column(dir.resolve("cuda/" + stage + "/metrics.csv"), "loss");
            assertEquals(want.length, got.length, stage + " steps");
            for (int i = 0; i < want.length; i++)
                if (!Double.isNaN(want[i])) assertEquals(want[i], got[i], 1e-4 * Math.max(1e-3, Math.abs(want[i])), stage + " loss, row " + i);
        }
        // the same sampled completions: the same rewards and token counts at every step
        for (String metric : List.of("reward", "num_tokens"))
            assertArrayEquals(column(dir.resolve("nd4j/grpo/metrics.csv"), metric), column(dir.resolve("cuda/grpo/metrics.csv"), metric), metric);
        assertEquals(nd4j.passBefore(), cuda.passBefore(), "pass@1 after the cold start");
        assertEquals(nd4j.greedyBefore(), cuda.greedyBefore(), "greedy after the cold start");
        assertEquals(nd4j.passAfter(), cuda.passAfter(), "pass@1 after GRPO");
        assertEquals(nd4j.greedyAfter(), cuda.greedyAfter(), "greedy after GRPO");
    }

    private static String sweepYaml(Path dir, int parallel) {
        return """
                name: s
                runs_dir: %s
                parallel: %d
                base:
                  task: {name: arithmetic, seed: 1}
                  reward: %s
                  model: {preset: tiny, seed: 1}
                  stages:
                    - sft: {data: cold_start, examples: 16, max_steps: 2, batch_size: 4, learning_rate: 0.003, max_length: 64}
                    - grpo: {problems: 8, max_steps: 1, prompts_per_step: 2, num_generations: 2, max_completion_length: 8}
                axes:
                  grpo.beta: [0.0, 0.04]
                """.formatted(dir, parallel, ProjectFiles.reward("r1.reward"));
    }

    /** Each metrics.csv under {@code dir} (by path relative to it) and its loss column. */
    private static java.util.Map<String, List<Double>> losses(Path dir) throws Exception {
        java.util.Map<String, List<Double>> out = new java.util.TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("metrics.csv")).toList())
                out.put(dir.relativize(p).toString(), Arrays.stream(column(p, "loss")).boxed().toList());
        }
        return out;
    }

    /**
     * A sweep on the device backend: its runs go on the sweep's own threads (not the one that opened the context), one
     * at a time by default, and two at once on the one GPU when the sweep asks; both ways give the same losses.
     */
    @Test
    void aSweepRunsOnCudaFromItsOwnThreadsOneOrTwoAtATime(@TempDir Path dir) throws Exception {
        String before = System.getProperty("r1j.backend");
        System.setProperty("r1j.backend", "cuda");
        try {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
            SweepResults one = new SweepRunner(SweepPlan.of(SweepSpec.parse(YamlDoc.parse("sweep.yaml", sweepYaml(dir.resolve("p1"), 1)), dir)),
                    SweepListener.NONE, quiet).run();
            assertEquals(2L, one.count(SweepOutcome.Status.DONE), "both runs finished on the cuda backend");
            SweepResults two = new SweepRunner(SweepPlan.of(SweepSpec.parse(YamlDoc.parse("sweep.yaml", sweepYaml(dir.resolve("p2"), 2)), dir)),
                    SweepListener.NONE, quiet).run();
            assertEquals(2L, two.count(SweepOutcome.Status.DONE), "both runs finished, two threads on the device at once");
            var want = losses(dir.resolve("p1/s"));
            assertTrue(want.size() >= 3, "the shared cold start and both runs' GRPO: " + want.keySet());
            assertEquals(want, losses(dir.resolve("p2/s")));
        } finally {
            if (before == null) System.clearProperty("r1j.backend");
            else System.setProperty("r1j.backend", before);
        }
    }
}
