package org.r1j.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.RewardProgram;
import org.r1j.grpo.GrpoConfig;
import org.r1j.pipeline.data.SftJsonl;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.train.SftConfig;
import org.r1j.testing.ProjectFiles;

/** The R1 chain on the real tiny model with a handful of steps: folders, saved models and data, resume, distillation. */
class PipelineTest {
    static Path rewardFile() {
        return ProjectFiles.reward("r1.reward");
    }

    private static SftConfig sft(int steps) {
        return new SftConfig(3e-3, 4, steps, 0, "constant", 0.0, 1.0, 64, 1, 0, null);
    }

    /** Every filter off but de-duplication, so an untrained model still yields data for the next SFT. */
    private static final RejectionConfig KEEP_ALL =
            new RejectionConfig(2, 1.0, 1.0, 12, 3, false, false, 0.0, "en", false, false, Map.of(), 0);

    @Test
    void namedStagesAndABriefLog(@TempDir Path runs) throws Exception {
        RewardProgram reward = RewardProgram.compile(rewardFile()).orThrow();
        EvalConfig eval = new EvalConfig(2, 0.6, 0.95, 12, true, List.of("</answer>"), 5);
        Pipeline p = Pipeline.builder("named", new ArithmeticTask(1), reward, ModelSpec.random("tiny", 1)).runsDir(runs).brief()
                .sft(sft(2), SftStage.COLD_START, 16).as("cold", "cold start, 2 steps")
                .eval(eval, 3).as("after", "evaluate it")
                .build();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Pipeline.Result r = p.run(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        String log = buf.toString(StandardCharsets.UTF_8);
        assertNull(r.interrupted(), log);
        assertTrue(Files.isRegularFile(runs.resolve("named/cold/model/config.json")), log);
        assertTrue(Files.isRegularFile(runs.resolve("named/after/eval.csv")), log);
        assertEquals(runs.resolve("named/after"), p.stageDir(1));
        List<String> lines = log.lines().filter(l -> !l.startsWith("sft ")).toList();   // progress bars aside
        assertEquals("1/2 cold start, 2 steps", lines.get(0), log);
        assertEquals("2/2 evaluate it", lines.get(1), log);
        assertTrue(lines.get(2).startsWith("    pass@1 "), log);
        assertEquals(3, lines.size(), "a brief log has no settings, 'done in' or 'finished' lines:\n" + log);
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder("x", new ArithmeticTask(1), reward, ModelSpec.random("tiny", 1))
                .eval(eval, 3).as("a", "one").eval(eval, 3).as("a", "two"));
    }

    @Test
    void r1ChainWritesEveryStageAndResumesAndDistils(@TempDir Path runs) throws Exception {
        RewardProgram reward = RewardProgram.compile(rewardFile()).orThrow();
        ArithmeticTask task = new ArithmeticTask(1);
        GrpoConfig grpo = GrpoConfig.builder().set(GrpoConfig::numGenerations, 2).set(GrpoConfig::promptsPerStep, 2).set(GrpoConfig::maxSteps, 2)
                .set(GrpoConfig::maxCompletionLength, 12).set(GrpoConfig::learningRate, 1e-3).set(GrpoConfig::seed, 1).build();
        EvalConfig eval = new EvalConfig(2, 0.6, 0.95, 12, true, List.of("</answer>"), 5);
        Pipeline p = Pipeline.builder("r1", task, reward, ModelSpec.random("tiny", 1)).runsDir(runs)
                .r1(sft(3), 16, grpo, 20, KEEP_ALL, 3, sft(2))
                .eval(eval, 3)
                .build();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Pipeline.Result r = p.run(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        String log = buf.toString(StandardCharsets.UTF_8);

        assertNull(r.interrupted(), log);
        Path dir = runs.resolve("r1");
        assertEquals(List.of("sft", "grpo", "rejection", "sft", "grpo", "eval"), r.stages().stream().map(StageOutcome::kind).toList());
        for (String stage : List.of("01-sft", "02-grpo", "04-sft", "05-grpo")) {
            assertTrue(Files.isRegularFile(dir.resolve(stage).resolve("model/config.json")), stage + "\n" + log);
            assertTrue(Files.isRegularFile(dir.resolve(stage).resolve("done.json")), stage);
        }
        assertEquals(16, SftJsonl.load(dir.resolve("01-sft/data.jsonl")).items().size(), "cold-start data saved");
        int kept = Integer.parseInt(r.stages().get(2).results().get("kept"));
        assertEquals(6, Integer.parseInt(r.stages().get(2).results().get("generated")));
        assertEquals(kept, SftJsonl.load(dir.resolve("03-rejection/data.jsonl")).items().size());
        assertTrue(kept >= 1, log);
        assertEquals(kept, SftJsonl.load(dir.resolve("04-sft/data.jsonl")).items().size(), "SFT trained on what was kept");
        assertTrue(Files.isRegularFile(dir.resolve("06-eval/eval.csv")));
        assertTrue(r.stages().get(5).results().containsKey("pass@1"));
        assertEquals(7, Files.readAllLines(dir.resolve("pipeline.csv")).size(), "header + 6 stages");
        assertEquals(dir.resolve("05-grpo/model"), r.finalModel());

        // --resume: nothing left to do, every stage is picked up from its folder
        Pipeline.Result again = p.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
        assertTrue(again.stages().stream().allMatch(StageOutcome::resumed));
        assertEquals(r.stages().get(5).results(), again.stages().get(5).results());

        // distillation: the cold-start model as teacher, a fresh student trained on its filtered samples
        Pipeline d = Pipeline.builder("distill", task, reward, ModelSpec.random("tiny", 9)).runsDir(runs)
                .distill(dir.resolve("01-sft/model"), KEEP_ALL, 3, sft(2))
                .build();
        Pipeline.Result dr = d.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        assertEquals(List.of("distill", "sft"), dr.stages().stream().map(StageOutcome::kind).toList());
        assertTrue(Files.isRegularFile(runs.resolve("distill/01-distill/data.jsonl")));
        assertTrue(Files.isRegularFile(runs.resolve("distill/02-sft/model/config.json")));
    }
}
