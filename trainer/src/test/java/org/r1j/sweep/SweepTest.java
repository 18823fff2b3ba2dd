package org.r1j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.pipeline.config.ConfigException;
import org.r1j.pipeline.config.YamlDoc;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import org.r1j.testing.ProjectFiles;

/** Sweeps on the real tiny model: expansion and checks, shared cold start, resume after a kill, a failing run. */
class SweepTest {
    static String reward() {
        return ProjectFiles.reward("r1.reward").toString();
    }

    /** cold start → eval → GRPO with in-run eval → eval; a handful of steps each. */
    static String base() {
        return """
                task: {name: arithmetic, seed: 1}
                reward: %s
                model: {preset: tiny, seed: 1}
                stages:
                  - sft: {data: cold_start, examples: 32, max_steps: 3, batch_size: 4, learning_rate: 0.003, max_length: 64}
                  - eval: {problems: 3, k: 2, max_new_tokens: 12}
                  - grpo: {problems: 20, max_steps: 2, prompts_per_step: 2, num_generations: 2, max_completion_length: 12,
                           learning_rate: 0.001, eval_steps: 1, eval_problems: 3, num_generations_eval: 2}
                  - eval: {problems: 3, k: 2, max_new_tokens: 12}
                """.formatted(reward());
    }

    static SweepSpec spec(String sweepYaml, Path dir) {
        return SweepSpec.parse(YamlDoc.parse("sweep.yaml", sweepYaml), dir);
    }

    @Test
    void expandsTheGridInAxisOrderAndSharesTheColdStart(@TempDir Path dir) {
        SweepPlan plan = SweepPlan.of(spec("""
                name: s
                runs_dir: %s
                base: {BASE}
                axes:
                  grpo.loss_type: [dapo, grpo]
                  grpo.beta: [0.0, 0.04]
                seeds: [1, 2]
                """.formatted(dir).replace("{BASE}", "\n" + base().indent(2)), dir));
        List<SweepRun> runs = plan.runs();
        assertEquals(8, runs.size());
        assertEquals("loss_type-dapo_beta-0.0_seed-1", runs.get(0).name());
        assertEquals("loss_type-dapo_beta-0.0_seed-2", runs.get(1).name());
        assertEquals("loss_type-grpo_beta-0.04_seed-2", runs.get(7).name());
        assertEquals("loss_type=dapo beta=0.04 seed=1", runs.get(2).label());
        assertEquals(2, plan.sharedStages(), "the cold start and its eval run once");
        assertEquals(List.of("grpo", "eval"), plan.ownStageKinds());
    }

    @Test
    void everyShippedSweepFilePlans() throws Exception {
        Path root = Path.of(reward()).getParent().getParent();
        int n = 0;
        try (var files = Files.list(root.resolve("configs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                if (!(YamlDoc.read(f).root() instanceof java.util.Map<?, ?> m) || !m.containsKey("axes")) continue;
                assertTrue(SweepPlan.of(SweepSpec.read(f)).runs().size() >= 2, f.toString());
                n++;
            }
        }
        assertTrue(n >= 1, "configs/ ships a sweep example");
    }

    @Test
    void badAxesAreReportedAtTheirLine(@TempDir Path dir) {
        String head = "name: s\nbase:\n" + base().indent(2) + "axes:\n";
        ConfigException e = assertThrows(ConfigException.class, () -> SweepPlan.of(spec(head + "  grpo.learning_rat: [0.1]\n", dir)));
        int line = head.split("\n").length + 1;
        assertTrue(e.getMessage().startsWith("sweep.yaml:" + line + ": axes.grpo.learning_rat: "), e.getMessage());
        assertTrue(e.getMessage().contains("learning_rat"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> SweepPlan.of(spec(head + "  grpo.beta: []\n", dir)));
        assertTrue(e.getMessage().startsWith("sweep.yaml:" + line + ": axes.grpo.beta: the axis has no values"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> SweepPlan.of(spec(head + "  rejection.prompts: [5]\n", dir)));
        assertTrue(e.getMessage().contains("the base config has no rejection stage"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> SweepPlan.of(spec(head + "  grpo.num_generations: [2, 1]\n", dir)));
        assertTrue(e.getMessage().startsWith("sweep.yaml:" + line + ": axes.grpo.num_generations: run num_generations=1: "), e.getMessage());

        e = assertThrows(ConfigException.class, () -> SweepPlan.of(spec(head + "  weird: [1]\n", dir)));
        assertTrue(e.getMessage().contains("unknown axis key 'weird'"), e.getMessage());
    }

    @Test
    void runsResumesAfterAKillAndWritesEveryRun(@TempDir Path dir) throws Exception {
        String yaml = "name: grid\nruns_dir: " + dir + "\nparallel: 1\nbase:\n" + base().indent(2)
                + "axes:\n  grpo.loss_type: [dapo, grpo]\n  grpo.beta: [0.0, 0.04]\nseeds: [1, 2]\n";
        SweepPlan plan = SweepPlan.of(spec(yaml, dir));
        Thread caller = Thread.currentThread();
        SweepListener killAfterThree = new SweepListener() {
            int ended;
            @Override public void onRunEnd(SweepOutcome o, SweepResults soFar) {
                if (++ended == 3) caller.interrupt();   // as Ctrl-C would
            }
        };
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SweepResults first = new SweepRunner(plan, killAfterThree, new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        assertTrue(Thread.interrupted(), "the runner passes the interrupt on:\n" + buf.toString(StandardCharsets.UTF_8));
        assertEquals(3, first.count(SweepOutcome.Status.DONE), buf.toString(StandardCharsets.UTF_8));
        assertEquals(3, csv(dir.resolve("grid/results.csv")).stringColumn("status").countOccurrences("done"));

        buf.reset();
        SweepResults second = new SweepRunner(SweepPlan.of(spec(yaml, dir)), SweepListener.NONE, new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        String log = buf.toString(StandardCharsets.UTF_8);
        assertEquals(8, second.count(SweepOutcome.Status.DONE), log);
        Table t = csv(dir.resolve("grid/results.csv"));
        assertEquals(8, t.rowCount());
        assertEquals(8, t.stringColumn("status").countOccurrences("done"));
        String firstRunLog = Files.readString(dir.resolve("grid/loss_type-dapo_beta-0.0_seed-1/log.txt"));
        assertTrue(firstRunLog.contains("already done (resume)"), "a finished run is not trained again:\n" + firstRunLog);
        assertTrue(Files.readString(dir.resolve("grid/shared/log.txt")).contains("already done (resume)"), "nor the shared cold start");
        for (SweepOutcome o : second.outcomes()) {
            assertTrue(o.metrics().finalPassAt1() >= 0 && o.metrics().finalPassAt1() <= 1, o.toString());
            assertEquals(List.of(1, 2), o.metrics().curve().stream().map(RunMetrics.Point::step).toList(), "in-run eval every step");
            assertEquals(2, o.metrics().reward().length);
        }
        String report = Files.readString(dir.resolve("grid/report.html"));
        for (SweepRun r : plan.runs()) assertTrue(report.contains(r.name()), r.name() + " missing from the report");
        assertTrue(report.contains("final pass@1 by grpo.beta"), "per-axis chart");
        assertTrue(report.contains("error_y"), "error bars");
        // the per-axis means are means of the runs' final values
        Table byBeta = second.byAxis(plan.spec().axes().get(1));
        double mean = second.outcomes().stream().filter(o -> o.run().settings().get("grpo.beta").equals(0.04))
                .mapToDouble(o -> o.metrics().finalPassAt1()).average().orElseThrow();
        assertEquals(mean, byBeta.doubleColumn("mean pass@1").getDouble(1), 1e-12);
        assertEquals(4, byBeta.intColumn("runs").getInt(1));
    }

    @Test
    void aFailingRunDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "not json\n{\"prompt\": 3}\n");
        String yaml = "name: fails\nruns_dir: " + dir + "\nbase:\n" + base().indent(2)
                + "axes:\n  sft.data: [" + broken + ", cold_start]\n";
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SweepResults r = new SweepRunner(SweepPlan.of(spec(yaml, dir)), SweepListener.NONE, new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        assertEquals(SweepOutcome.Status.FAILED, r.outcomes().get(0).status(), buf.toString(StandardCharsets.UTF_8));
        assertTrue(r.outcomes().get(0).error().contains("no training examples"), r.outcomes().get(0).error());
        assertEquals(SweepOutcome.Status.DONE, r.outcomes().get(1).status(), buf.toString(StandardCharsets.UTF_8));
        Table t = csv(dir.resolve("fails/results.csv"));
        assertEquals(List.of("failed", "done"), t.stringColumn("status").asList());
    }

    private static Table csv(Path file) throws Exception {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypesPartial(
                java.util.Map.of("status", tech.tablesaw.api.ColumnType.STRING, "run", tech.tablesaw.api.ColumnType.STRING)));
    }
}
