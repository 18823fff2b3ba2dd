package org.r1j.scale.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelPresets;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.pipeline.rejection.RejectionSampler;
import org.r1j.pipeline.run.RunContext;
import org.r1j.pipeline.task.Split;
import org.r1j.pipeline.task.Task;
import org.r1j.scale.SharedSpark;

/**
 * {@code spark eval} and {@code spark rejection} against the trainer's single-process evaluator and rejection
 * sampler on the same model, problems and seeds: equal to the last bit, also when a task fails and is retried.
 * 130 problems = blocks of 64, 64 and 2, so three partitions on two task threads (and two model copies).
 */
class SparkGenerationTest {
    @TempDir
    static Path dir;
    static Path modelDir;
    static final TaskSpec SPEC = TaskSpec.of("arithmetic", 1, null, "gsm8k");
    static List<Problem> problems;
    static ModelSampler single;

    @BeforeAll
    static void model() {
        CharTokenizer tok = CharTokenizer.ascii();
        modelDir = dir.resolve("model");
        Checkpoint.save(DecoderModel.random(ModelPresets.byName("tiny", tok.vocabSize()), 3), tok, modelDir);
        LoadedModel m = Checkpoint.load(modelDir);
        single = new ModelSampler(m.model(), RunContext.markersKept(m.tokenizer()));
        problems = SPEC.task().problems(Split.TEST, 130);
    }

    static final EvalConfig EVAL = new EvalConfig(3, 1.0, 0.95, 12, true, List.of("</answer>"), 99);

    static EvalResult expected;

    /** r1j eval's way, once for the tests here. */
    static synchronized EvalResult singleProcessEval() {
        Task t = SPEC.task();
        if (expected == null) expected = new Evaluator(EVAL, t.checker(), t.template()).evaluate(single, problems);
        return expected;
    }

    static void assertSame(EvalResult expected, EvalResult actual) {
        assertEquals(expected.summary(), actual.summary());
        assertEquals(expected.passAt1(), actual.passAt1());
        assertEquals(expected.consAtK(), actual.consAtK());
        assertEquals(expected.greedyAccuracy(), actual.greedyAccuracy());
        assertEquals(expected.languageConsistency(), actual.languageConsistency());
        assertEquals(expected.perProblem().printAll(), actual.perProblem().printAll(), "every problem's row, first sample included");
    }

    @Test
    void evalEqualsTheSingleProcessEvaluation() {
        EvalResult expected = singleProcessEval();
        EvalResult spark = SparkEvaluation.run(SharedSpark.get(), SPEC, new ModelSource(modelDir.toString(), false), EVAL, problems);
        assertSame(expected, spark);
        assertEquals(130, spark.problems());
        // a random model's samples differ from problem to problem: the table compares real text, not 130 empty rows
        assertTrue(spark.perProblem().stringColumn("sample").unique().size() > 100);
    }

    @Test
    void aFailedEvalTaskIsRetriedWithTheSameSeeds() {
        EvalResult spark = SharedSpark.failingOnce(1, () ->
                SparkEvaluation.run(SharedSpark.get(), SPEC, new ModelSource(modelDir.toString(), false), EVAL, problems));
        assertSame(singleProcessEval(), spark);
    }

    @Test
    void rejectionEqualsTheSingleProcessSampler() {
        // every filter that a random model's text would fail is off, so the kept set is large and the comparison real
        RejectionConfig cfg = new RejectionConfig(4, 1.0, 0.95, 12, 5, false, false, 0, "en", false, false, Map.of(), 3);
        Task t = SPEC.task();
        RejectionSampler.Result expected = new RejectionSampler(cfg, t.checker(), t.template(), null).run(single, problems);
        RejectionSampler.Result spark = SharedSpark.failingOnce(2, () ->
                SparkRejection.run(SharedSpark.get(), SPEC, new ModelSource(modelDir.toString(), false), cfg, null, problems));
        assertEquals(expected.counts(), spark.counts());
        assertEquals(expected.kept(), spark.kept());
        assertTrue(spark.kept().size() > 300, spark.summary());
    }
}
