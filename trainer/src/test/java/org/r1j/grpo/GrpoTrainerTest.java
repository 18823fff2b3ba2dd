package org.r1j.grpo;

import org.r1j.train.TrainingListener;
import org.r1j.config.Knobs;
import org.r1j.train.StepMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.Rewarder;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;

/** GRPO on the real tiny decoder with a trivial reward. */
class GrpoTrainerTest {
    static final CharTokenizer TOK = CharTokenizer.ascii();
    static final PromptTemplate TEMPLATE = p -> p.question() + "=";

    static List<Problem> problems(int n) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Problem("p" + i, "q" + i, "", Map.of()));
        return out;
    }

    static DecoderModel model(long seed) {
        ModelConfig c = ModelPresets.tiny(TOK.vocabSize());
        return DecoderModel.random(c, seed);
    }

    static Knobs.Builder<GrpoConfig> config() {
        return GrpoConfig.builder().set(GrpoConfig::numGenerations, 8).set(GrpoConfig::promptsPerStep, 2).set(GrpoConfig::maxCompletionLength, 6).set(GrpoConfig::learningRate, 1e-2)
                .set(GrpoConfig::temperature, 1.0).set(GrpoConfig::maxSteps, 12).set(GrpoConfig::seed, 7).set(GrpoConfig::logCompletionsSteps, 5).set(GrpoConfig::numCompletionsToLog, 2);
    }

    @Test
    void trainsWithoutARunDirectory() {
        // Notebooks and quick experiments train without records: the default checkpoint cadence must not need a folder.
        GrpoConfig cfg = config().set(GrpoConfig::maxSteps, 2).build();
        GrpoTrainer t = new GrpoTrainer(model(1), TOK, TestRewards.shareOf("abcdefgh"), problems(4), TEMPLATE, cfg);
        GrpoTrainer.Result r = t.train();
        assertEquals(2, r.lastStep());
        assertEquals(0, r.skippedSteps());
    }

    @Test
    void trivialRewardRises(@TempDir Path dir) throws Exception {
        Rewarder reward = TestRewards.shareOf("abcdefgh");
        GrpoConfig cfg = config().set(GrpoConfig::outputDir, dir.resolve("run")).build();
        GrpoTrainer t = new GrpoTrainer(model(1), TOK, reward, problems(8), TEMPLATE, cfg);
        List<StepMetrics> steps = new ArrayList<>();
        t.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) { steps.add(m); }
        });
        GrpoTrainer.Result r = t.train();
        assertEquals(12, r.lastStep());
        double first = steps.subList(0, 3).stream().mapToDouble(m -> m.get("reward")).average().orElseThrow();
        double last = steps.subList(9, 12).stream().mapToDouble(m -> m.get("reward")).average().orElseThrow();
        System.out.printf("trivial reward: first 3 steps %.3f, last 3 steps %.3f%n", first, last);
        assertTrue(last > first + 0.15, "reward should rise: first " + first + " last " + last);
        // the run records
        String csv = Files.readString(dir.resolve("run/metrics.csv"));
        for (String col : List.of("reward", "reward_std", "rewards/share/mean", "rewards/share/std", "frac_reward_zero_std",
                "kl", "entropy", "clip_ratio/low_mean", "clip_ratio/high_mean", "clip_ratio/region_mean",
                "completions/mean_length", "completions/min_length", "completions/max_length", "completions/clipped_ratio",
                "num_tokens", "learning_rate", "grad_norm", "loss", "time/generate", "time/reward", "time/logprobs",
                "time/backward", "time/optimizer")) {
            assertTrue(csv.lines().findFirst().orElseThrow().contains(col), "metrics.csv lacks " + col);
        }
        assertEquals(13, csv.lines().count(), "header + 12 steps");
        assertTrue(Files.readString(dir.resolve("run/report.html")).contains("Plotly.newPlot"));
        assertTrue(Files.exists(dir.resolve("run/completions.csv")));
        assertEquals(4, t.recorder().orElseThrow().completionsTable().rowCount(), "2 completions at steps 5 and 10");
        assertFalse(steps.stream().anyMatch(StepMetrics::skipped));
    }
}
