package org.r1j.grpo;

import org.r1j.model.backend.nd4j.HostArrays;

import org.r1j.train.TrainingListener;
import org.r1j.config.Knobs;
import org.r1j.train.StepMetrics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.train.checkpoint.TrainingCheckpoint;
import org.r1j.model.CausalLM;
import org.r1j.model.DecoderModel;

/** Resume after a kill, NaN steps, verifier failures, interrupts — on the real tiny model. */
class GrpoRobustnessTest {
    private static final Rewarder REWARD = TestRewards.shareOf("abcdefgh");

    private static Knobs.Builder<GrpoConfig> small(Path out) {
        return GrpoConfig.builder().set(GrpoConfig::numGenerations, 4).set(GrpoConfig::promptsPerStep, 2).set(GrpoConfig::maxCompletionLength, 5).set(GrpoConfig::learningRate, 1e-2)
                .set(GrpoConfig::maxSteps, 3).set(GrpoConfig::seed, 11).set(GrpoConfig::saveSteps, 1).set(GrpoConfig::beta, 0.04).set(GrpoConfig::logCompletionsSteps, 1).set(GrpoConfig::numCompletionsToLog, 2).set(GrpoConfig::outputDir, out);
    }

    private static List<StepMetrics> record(GrpoTrainer t) {
        List<StepMetrics> steps = new ArrayList<>();
        t.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) { steps.add(m); }
        });
        return steps;
    }

    @Test
    void resumeAfterKillGivesTheIdenticalNextStep(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path killed = tmp.resolve("killed");
        GrpoTrainer ta = new GrpoTrainer(GrpoTrainerTest.model(3), GrpoTrainerTest.TOK, REWARD, GrpoTrainerTest.problems(5),
                GrpoTrainerTest.TEMPLATE, small(a).build());
        List<StepMetrics> stepsA = record(ta);
        // What a SIGKILL during step 3 leaves on disk: everything as it was right after step 2's checkpoint.
        ta.addListener(new TrainingListener() {
            @Override public void onCheckpoint(int step, Path dir) { if (step == 2) copyTree(a, killed); }
        });
        ta.train();

        // A new process: a different random init, then --resume.
        GrpoTrainer tb = new GrpoTrainer(GrpoTrainerTest.model(99), GrpoTrainerTest.TOK, REWARD, GrpoTrainerTest.problems(5),
                GrpoTrainerTest.TEMPLATE, small(killed).build());
        List<StepMetrics> stepsB = record(tb);
        assertTrue(tb.resume());
        assertEquals(2, tb.step());
        tb.train();
        assertEquals(1, stepsB.size(), "only step 3 runs again");
        StepMetrics want = stepsA.get(2), got = stepsB.get(0);
        assertEquals(3, got.step());
        for (String k : List.of("loss", "reward", "grad_norm", "kl", "entropy", "num_tokens", "completions/mean_length")) {
            assertEquals(want.get(k), got.get(k), 0.0, k + " of the resumed step 3");
        }
        assertEquals(want.completions().get(0).completion(), got.completions().get(0).completion());
        for (String n : ta.policy().parameters().names()) {
            assertArrayEquals(ta.policy().parameters().weight(n).toFloats(), tb.policy().parameters().weight(n).toFloats(),
                    0f, "weights after step 3: " + n);
        }
        assertEquals(4, lines(killed.resolve("metrics.csv")), "header + steps 1..3, step 3 once");
    }

    @Test
    void nanLossOrGradientSkipsTheStepAndTrainingGoesOn(@TempDir Path tmp) {
        DecoderModel real = GrpoTrainerTest.model(5);
        CausalLM faulty = new FaultyModel(real, call -> call == 2, call -> call == 3);
        GrpoTrainer t = new GrpoTrainer(faulty, GrpoTrainerTest.TOK, REWARD, GrpoTrainerTest.problems(5),
                GrpoTrainerTest.TEMPLATE, small(tmp.resolve("run")).set(GrpoConfig::beta, 0).set(GrpoConfig::saveSteps, 0).set(GrpoConfig::maxSteps, 4).build());
        List<StepMetrics> steps = record(t);
        List<float[]> before = new ArrayList<>();
        t.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) {
                if (m.step() == 1) real.parameters().names().forEach(n -> before.add(real.parameters().weight(n).toFloats()));
                if (m.step() == 2 || m.step() == 3) {
                    int i = 0;
                    for (String n : real.parameters().names()) {
                        assertArrayEquals(before.get(i++), real.parameters().weight(n).toFloats(), 0f, "skipped step changed " + n);
                    }
                }
            }
        });
        GrpoTrainer.Result r = t.train();
        assertEquals(4, r.lastStep());
        assertEquals(2, r.skippedSteps());
        assertFalse(steps.get(0).skipped());
        assertTrue(steps.get(1).skipped());
        assertEquals("loss is NaN", steps.get(1).note());
        assertTrue(steps.get(2).skipped());
        assertEquals("gradient norm is NaN", steps.get(2).note());
        assertFalse(steps.get(3).skipped());
        assertTrue(Double.isFinite(steps.get(3).get("loss")) && Double.isFinite(steps.get(3).get("grad_norm")));
        for (String n : real.parameters().names()) {
            assertFalse(Double.isNaN(HostArrays.of(real.parameters().weight(n)).sumNumber().doubleValue()), "NaN reached weight " + n);
        }
        assertTrue(readString(tmp.resolve("run/metrics.csv")).lines().skip(2).findFirst().orElseThrow().contains("true"),
                "metrics.csv marks step 2 skipped");
    }

    @Test
    void aFailingVerifierNeverStopsTraining() {
        Rewarder flaky = new Rewarder() {
            int calls;
            @Override public List<String> rewardNames() { return List.of("share"); }
            @Override public double weight(String r) { return 1; }
            @Override public List<Score> scoreGroup(List<Sample> g) {
                if (++calls % 2 == 0) throw new IllegalStateException("verifier crashed");
                return REWARD.scoreGroup(g);
            }
        };
        GrpoTrainer t = new GrpoTrainer(GrpoTrainerTest.model(6), GrpoTrainerTest.TOK, flaky, GrpoTrainerTest.problems(5),
                GrpoTrainerTest.TEMPLATE, small(null).set(GrpoConfig::beta, 0).set(GrpoConfig::saveSteps, 0).build());
        List<StepMetrics> steps = record(t);
        assertEquals(3, t.train().lastStep());
        assertTrue(steps.get(0).note().contains("reward failure"), steps.get(0).note());
        assertFalse(steps.get(0).skipped(), "the other group still trains");
    }

    @Test
    void interruptStopsAtTheNextSafePointWithAResumableCheckpoint(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        GrpoTrainer t = new GrpoTrainer(GrpoTrainerTest.model(8), GrpoTrainerTest.TOK, REWARD, GrpoTrainerTest.problems(5),
                GrpoTrainerTest.TEMPLATE, small(out).set(GrpoConfig::beta, 0).set(GrpoConfig::saveSteps, 0).set(GrpoConfig::maxSteps, 4).build());
        t.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) { if (m.step() == 2) Thread.currentThread().interrupt(); }
        });
        GrpoTrainer.Result r = t.train();
        assertTrue(Thread.interrupted(), "the interrupt is handed back to the caller");
        assertTrue(r.interrupted());
        assertEquals(2, r.lastStep());
        assertEquals(2, TrainingCheckpoint.readState(TrainingCheckpoint.latest(out).orElseThrow()).step());
        GrpoTrainer again = new GrpoTrainer(GrpoTrainerTest.model(9), GrpoTrainerTest.TOK, REWARD, GrpoTrainerTest.problems(5),
                GrpoTrainerTest.TEMPLATE, small(out).set(GrpoConfig::beta, 0).set(GrpoConfig::saveSteps, 0).set(GrpoConfig::maxSteps, 4).build());
        assertTrue(again.resume());
        GrpoTrainer.Result r2 = again.train();
        assertFalse(r2.interrupted());
        assertEquals(4, r2.lastStep());
        assertEquals(5, lines(out.resolve("metrics.csv")));
    }

    private static long lines(Path p) {
        return readString(p).lines().count();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
