package org.r1j.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.r1j.grpo.LossType;
import org.r1j.pipeline.run.EvalStage;
import org.r1j.pipeline.run.GrpoStage;
import org.r1j.pipeline.run.RejectionStage;
import org.r1j.pipeline.run.SftStage;
import org.r1j.pipeline.run.Stage;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.testing.ProjectFiles;

class PipelineConfigTest {
    static final Path ROOT = root();

    static Path root() {
        return ProjectFiles.root();
    }

    static PipelineConfig parse(String yaml) {
        return PipelineConfig.parse(YamlDoc.parse("t.yaml", yaml), ROOT);
    }

    static ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml));
    }

    private static final String HEAD = "name: t\ntask: {name: arithmetic, seed: 3}\nmodel: {preset: tiny}\n";

    @Test
    void theR1ExampleReadsIntoTheRightStages() {
        PipelineConfig c = PipelineConfig.parse(YamlDoc.read(ROOT.resolve("configs/arithmetic-r1.yaml")), ROOT);
        assertEquals("arithmetic-r1", c.name());
        assertInstanceOf(ArithmeticTask.class, c.task());
        assertEquals(List.of("sft", "eval", "grpo", "eval", "rejection", "sft", "grpo", "eval"), c.stages().stream().map(Stage::kind).toList());
        SftStage cold = (SftStage) c.stages().get(0);
        assertEquals(SftStage.COLD_START, cold.data());
        assertEquals(2000, cold.examples());
        assertEquals(600, cold.config().maxSteps());
        assertEquals(0.5, cold.slipRate());
        assertEquals(0.003, cold.config().learningRate());
        GrpoStage grpo = (GrpoStage) c.stages().get(2);
        assertEquals(8, grpo.config().numGenerations());
        assertEquals(LossType.DAPO, grpo.config().lossType());
        assertEquals(0.6, grpo.config().temperature());
        assertEquals(0.0, grpo.config().beta());
        assertEquals(3000, grpo.problems());
        RejectionStage rs = (RejectionStage) c.stages().get(4);
        assertEquals(0.6, rs.config().temperature());
        assertEquals(4, rs.config().samplesPerPrompt());
        assertEquals(2, rs.config().maxPerPrompt());
        assertNull(rs.teacher());
        EvalStage ev = (EvalStage) c.stages().get(7);
        assertEquals(4, ev.config().k());
        assertEquals(0.6, ev.config().temperature());
        assertEquals(0.95, ev.config().topP());
    }

    @Test
    void slipRateIsAColdStartSettingCheckedWithItsLine() {
        SftStage s = (SftStage) parse(HEAD + "stages:\n  - sft: {data: cold_start, examples: 10, slip_rate: 0.25}\n").stages().get(0);
        assertEquals(0.25, s.slipRate());
        assertEquals(0.0, ((SftStage) parse(HEAD + "stages:\n  - sft: {data: cold_start}\n").stages().get(0)).slipRate());
        ConfigException e = error(HEAD + "stages:\n  - sft: {data: cold_start}\n  - sft: {data: previous, slip_rate: 0.5}\n");
        assertTrue(e.getMessage().contains("t.yaml:6") && e.getMessage().contains("cold_start only"), e.getMessage());
        assertTrue(error(HEAD + "stages:\n  - sft: {slip_rate: 1.5}\n").getMessage().contains("[0, 1]"));
    }

    /** A config whose task cannot supply the problems its stages ask for fails at run time; catch it here. */
    @Test
    void everyShippedProceduralConfigCanDrawTheProblemsItsStagesNeed() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.list(ROOT.resolve("configs"))) {
            configs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int checked = 0;
        for (Path file : configs) {
            if (file.endsWith("gsm8k-r1-zero.yaml")) continue; // a dataset task on files the user supplies
            if (isSweep(file)) continue;                        // sweep files: SweepTest
            PipelineConfig c = PipelineConfig.parse(YamlDoc.read(file), ROOT);
            if (!(c.task() instanceof org.r1j.pipeline.task.ProceduralTask task)) continue;
            int train = 0, test = 0;
            for (Stage st : c.stages()) {
                if (st instanceof SftStage s && s.data().equals(SftStage.COLD_START)) train = Math.max(train, s.examples());
                if (st instanceof GrpoStage g) train = Math.max(train, g.problems());
                if (st instanceof RejectionStage r) train = Math.max(train, r.prompts());
                if (st instanceof EvalStage e) test = Math.max(test, e.problems());
            }
            int needTrain = train, needTest = test;
            String where = file.getFileName().toString();
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> task.problems(org.r1j.pipeline.task.Split.TRAIN, needTrain), where);
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> task.problems(org.r1j.pipeline.task.Split.TEST, needTest), where);
            checked++;
        }
        assertTrue(checked >= 4, "procedural configs checked: " + checked);
    }

    @Test
    void everyShippedConfigChecksAndItsEffectiveFormRoundTrips() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.list(ROOT.resolve("configs"))) {
            configs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(configs.size() >= 5, configs.toString());
        int checked = 0;
        for (Path file : configs) {
            if (isSweep(file)) continue;
            PipelineConfig c;
            try {
                c = PipelineConfig.parse(YamlDoc.read(file), ROOT);
            } catch (ConfigException e) {
                // the dataset example points at files the user supplies: it must say so, with the line
                assertTrue(file.endsWith("gsm8k-r1-zero.yaml"), file + ": " + e.getMessage());
                assertTrue(e.getMessage().matches(".*gsm8k-r1-zero.yaml:8: task.train: no such file: .*train.jsonl"), e.getMessage());
                continue;
            }
            String yaml = c.effectiveYaml();
            PipelineConfig again = PipelineConfig.parse(YamlDoc.parse("effective.yaml", yaml), ROOT);
            assertEquals(yaml, again.effectiveYaml(), file.toString());
            assertEquals(c.stages(), again.stages(), file.toString());
            checked++;
        }
        assertTrue(checked >= 5);
    }

    static boolean isSweep(Path file) {
        return YamlDoc.read(file).root() instanceof java.util.Map<?, ?> m && m.containsKey("axes");
    }

    @Test
    void inRunEvaluationKeysAreReadCheckedAndListed() {
        GrpoStage g = (GrpoStage) parse(HEAD + "stages:\n  - grpo: {max_steps: 10, eval_steps: 5, eval_on_start: true, metric_for_best_model: eval/pass@1}\n").stages().get(0);
        assertEquals(5, g.eval().evalSteps());
        assertTrue(g.eval().evalOnStart());
        assertEquals("eval/pass@1", g.eval().metricForBestModel());
        assertEquals(10, g.config().maxSteps(), "the GRPO settings still reach GrpoConfig");
        ConfigException e = error(HEAD + "stages:\n  - grpo: {max_steps: 10}\n  - sft: {eval_steps: often}\n");
        assertTrue(e.getMessage().startsWith("t.yaml:6: stages[2].sft.eval_steps: 'eval_steps' must be a number"), e.getMessage());
        e = error(HEAD + "stages:\n  - grpo: {max_steps: 10, eval_step: 5}\n");
        assertTrue(e.getMessage().contains("eval_step") && e.getMessage().contains("in-run evaluation: eval_steps, eval_on_start"), e.getMessage());
        e = error(HEAD + "stages:\n  - grpo: {max_steps: 10, load_best_model_at_end: true}\n");
        assertTrue(e.getMessage().contains("load_best_model_at_end needs metric_for_best_model"), e.getMessage());
    }

    @Test
    void syntaxErrorsNameTheLine() {
        ConfigException e = error(HEAD + "stages:\n  - grpo: {max_steps: 5\n  - eval: {}\n");
        assertEquals(6, e.line(), e.getMessage());
        assertEquals("t.yaml:6: not valid YAML: expected ',' or '}', but got : (column 9); while parsing a flow mapping started on line 5",
                e.getMessage());
    }

    @Test
    void unknownKeysAreReportedWithTheirLineAndTheKnownOnes() {
        ConfigException e = error(HEAD + "stages:\n  - grpo:\n      max_steps: 5\n      num_generation: 4\n");
        assertEquals(7, e.line());
        assertTrue(e.getMessage().startsWith("t.yaml:7: stages[1].grpo.num_generation: unknown GRPO setting 'num_generation'; known: num_generations,"),
                e.getMessage());
        ConfigException top = error(HEAD + "stage: []\n");
        assertEquals("t.yaml:4: stage: unknown key 'stage'; known: name, runs_dir, task, reward, model, stages", top.getMessage());
        ConfigException eval = error(HEAD + "stages:\n  - eval: {problems: 10, kk: 3}\n");
        assertEquals("t.yaml:5: stages[1].eval.kk: unknown eval setting 'kk'; known: k, temperature, top_p, max_new_tokens, greedy, "
                + "stop, seed; the stage's own: problems", eval.getMessage());
    }

    @Test
    void badValuesAreReportedAtTheirKey() {
        assertEquals("t.yaml:7: stages[1].grpo.num_generations: num_generations must be >= 2 (advantages are relative within a group), got 1",
                error(HEAD + "stages:\n  - grpo:\n      max_steps: 5\n      num_generations: 1\n").getMessage());
        assertEquals("t.yaml:5: stages[1].eval.k: 'k' must be a whole number, got 2.5",
                error(HEAD + "stages:\n  - eval: {k: 2.5}\n").getMessage());
        assertEquals("t.yaml:2: task.digits: digits must be in 1..9, got 12",
                error("name: t\ntask: {name: arithmetic, digits: 12}\nmodel: {preset: tiny}\nstages: [eval: {}]\n").getMessage());
        assertEquals("t.yaml:2: task.name: unknown task 'algebra'; known: arithmetic, countdown, mixed-script, code, dataset",
                error("name: t\ntask: {name: algebra}\nmodel: {preset: tiny}\nstages: [eval: {}]\n").getMessage());
        assertEquals("t.yaml:5: stages[1].train: unknown stage 'train'; known: sft, grpo, rejection, distill, eval",
                error(HEAD + "stages:\n  - train: {}\n").getMessage());
        assertEquals("t.yaml:5: stages[1].grpo.output_dir: set by the pipeline (runs/<name>/<NN>-<kind>/); remove it",
                error(HEAD + "stages:\n  - grpo: {output_dir: x}\n").getMessage());
        assertEquals("t.yaml:4: stages: expected a non-empty list of stages (- sft: {...}, - grpo: {...}, …)",
                error(HEAD + "stages: []\n").getMessage());
        assertEquals("t.yaml:3: model.preset: expected tiny or small, got 'huge'",
                error("name: t\ntask: {name: arithmetic}\nmodel: {preset: huge}\nstages: [eval: {}]\n").getMessage());
        assertEquals("t.yaml:2: reward: reward file not found: nope.reward",
                error("name: t\nreward: nope.reward\ntask: {name: arithmetic}\nmodel: {preset: tiny}\nstages: [eval: {}]\n").getMessage());
        assertEquals("t.yaml:5: stages[1].sft.learning_rate: 'learning_rate' must be a number, got 'fast'",
                error(HEAD + "stages:\n  - sft: {learning_rate: fast}\n").getMessage());
    }
}
