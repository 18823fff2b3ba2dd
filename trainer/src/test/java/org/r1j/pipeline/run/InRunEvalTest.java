package org.r1j.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.RewardProgram;
import org.r1j.grpo.GrpoConfig;
import org.r1j.train.record.MetricsTable;
import org.r1j.model.io.Checkpoint;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.train.SftConfig;
import tech.tablesaw.api.Table;

/** eval_steps / eval_on_start / metric_for_best_model / load_best_model_at_end on the real tiny model, SFT then GRPO. */
class InRunEvalTest {
    private static final List<String> LOGGED = List.of("eval/pass@1", "eval/pass@1_stderr", "eval/cons@k", "eval/greedy",
            "eval/format", "eval/mean_length");

    @Test
    void evaluatesAtTheStatedStepsKeepsTheBestAndEndsOnIt(@TempDir Path runs) throws Exception {
        ArithmeticTask task = new ArithmeticTask(1);
        RewardProgram reward = RewardProgram.compile(PipelineTest.rewardFile()).orThrow();
        InRunEval sftEval = InRunEval.every(20, 6, 2).withEvalOnStart(true);
        InRunEval grpoEval = InRunEval.every(2, 6, 2).withBestModel("eval/pass@1", true);
        GrpoConfig grpo = GrpoConfig.builder().set(GrpoConfig::numGenerations, 4).set(GrpoConfig::promptsPerStep, 4).set(GrpoConfig::maxSteps, 5).set(GrpoConfig::maxCompletionLength, 40)
                .set(GrpoConfig::learningRate, 1e-4).set(GrpoConfig::temperature, 0.6).set(GrpoConfig::seed, 1).build();
        // the same protocol as the in-run evaluation: k 2, T 0.6, top-p 0.95, 40 tokens, greedy, seed 1234
        EvalConfig same = new EvalConfig(2, 0.6, 0.95, 40, true, List.of("</answer>"), 1234);
        Pipeline p = Pipeline.builder("inrun", task, reward, ModelSpec.random("tiny", 1)).runsDir(runs)
                .sft(new SftConfig(3e-3, 16, 60, 6, "cosine", 0.0, 1.0, 128, 1, 0, null), SftStage.COLD_START, 400, 0, sftEval)
                .grpo(grpo, 100, grpoEval)
                .eval(same, 6)
                .build();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Pipeline.Result r = p.run(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        String log = buf.toString(StandardCharsets.UTF_8);
        assertNull(r.interrupted(), log);

        Table sft = MetricsTable.readCsv(runs.resolve("inrun/01-sft/metrics.csv")).table();
        assertEquals(List.of(0, 20, 40, 60), evaluatedSteps(sft), "SFT: eval_on_start plus every 20 steps\n" + log);
        for (String m : LOGGED) assertTrue(sft.columnNames().contains(m), m + " missing from " + sft.columnNames());
        assertTrue(log.contains("    step 20: held-out pass@1"), log);

        Table g = MetricsTable.readCsv(runs.resolve("inrun/02-grpo/metrics.csv")).table();
        assertEquals(List.of(2, 4, 5), evaluatedSteps(g), "GRPO: every 2 steps and the last one\n" + log);
        assertEquals(5, g.rowCount());
        // the stage's eval.csv is the same curve, in fractions
        List<String> curve = java.nio.file.Files.readAllLines(runs.resolve("inrun/02-grpo/eval.csv"));
        assertEquals("step,pass@1,cons@k,greedy", curve.get(0));
        assertEquals(List.of("2", "4", "5"), curve.stream().skip(1).map(l -> l.split(",")[0]).toList());
        assertEquals(g.doubleColumn("eval/pass@1").getDouble(1), Double.parseDouble(curve.get(1).split(",")[1]), 0);
        assertTrue(java.nio.file.Files.readString(runs.resolve("inrun/02-grpo/report.html")).contains("held-out pass@1 during GRPO (6 problems)"));

        // best/ is the first step with the highest logged eval/pass@1
        JsonNode best = new ObjectMapper().readTree(runs.resolve("inrun/02-grpo/best/best.json").toFile());
        int argmax = -1;
        double max = -1;
        for (int i = 0; i < g.rowCount(); i++) {
            double v = g.doubleColumn("eval/pass@1").getDouble(i);
            if (!Double.isNaN(v) && v > max) { max = v; argmax = g.intColumn("step").getInt(i); }
        }
        assertEquals(argmax, best.get("step").asInt());
        assertEquals(max, best.get("value").asDouble(), 1e-12);

        // load_best_model_at_end: the stage's model is best/, and evaluating it again gives the logged best value
        float[] bestWeights = Checkpoint.loadModel(runs.resolve("inrun/02-grpo/best")).parameters().weight("model.norm.weight").toFloats();
        float[] finalWeights = Checkpoint.loadModel(runs.resolve("inrun/02-grpo/model")).parameters().weight("model.norm.weight").toFloats();
        assertArrayEquals(bestWeights, finalWeights);
        String evalPass1 = r.stages().get(2).results().get("pass@1");
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * max), evalPass1, log);
        assertTrue(r.stages().get(1).results().get("best").startsWith("step " + argmax), r.stages().get(1).results().toString());
    }

    @Test
    void badSettingsAreRejectedWithTheirKey() {
        assertThrows(IllegalArgumentException.class, () -> InRunEval.every(0, 10, 2).withBestModel("eval/pass@1", false),
                "metric_for_best_model without eval_steps");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InRunEval.every(5, 10, 2).withBestModel("pass@1", false));
        assertTrue(e.getMessage().contains("eval/pass@1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InRunEval.take(new java.util.HashMap<>(Map.of("eval_steps", "often"))));
        assertTrue(e.getMessage().startsWith("'eval_steps' must be a number"), e.getMessage());
    }

    private static List<Integer> evaluatedSteps(Table t) {
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (!Double.isNaN(t.doubleColumn("eval/pass@1").getDouble(i))) steps.add(t.intColumn("step").getInt(i));
        }
        return steps;
    }
}
