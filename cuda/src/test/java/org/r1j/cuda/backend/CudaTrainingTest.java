package org.r1j.cuda.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.cuda.memory.CachingAllocator;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.GrpoTrainer;
import org.r1j.model.DecoderModel;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.train.SftConfig;
import org.r1j.train.SftTrainer;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;

/**
 * Short real training runs of the tiny decoder on the cuda backend over the fake device, against the same run on
 * nd4j in f32: GRPO (generation with the cuda decode step, rewards, the reference model's KL, the entropy bonus's
 * gradient, AdamW, clipping) and SFT with its checkpoint, step by step; and the device memory of each step.
 *
 * <p>Sampled tokens could differ between the backends at a near-tie, so the nd4j run is teacher-forced: it trains
 * on the completions the cuda run sampled (replayed in order), and only the first generation, from identical
 * weights, is compared token for token with nd4j's own sampling. Tolerances: both sides are f32 with different
 * summation orders (a few ulps per op); AdamW's epsilon is 1 in the GRPO run so its first steps are not
 * sign(g), whose jump at g = 0 would turn rounding noise in near-zero gradient entries into lr-sized weight
 * differences: with it the updates depend smoothly on the gradients and the runs stay within 1e-4 relative.
 */
class CudaTrainingTest {
    private static CudaBackend cu;

    @BeforeAll
    static void open() throws Exception {
        cu = FakeDevice.backend();
    }

    private static List<Problem> problems(int n) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Problem("p" + i, "q" + i, "", Map.of()));
        return out;
    }

    /** The share of a completion's characters in "abcdefgh": a smooth reward the tiny model can move. */
    private static final Rewarder SHARE = new Rewarder() {
        @Override public List<String> rewardNames() { return List.of("share"); }
        @Override public double weight(String r) { return 1; }
        @Override public List<Score> scoreGroup(List<Sample> group) {
            List<Score> out = new ArrayList<>();
            for (Sample s : group) {
                String c = s.completion();
                double v = c.isEmpty() ? 0 : c.chars().filter(ch -> "abcdefgh".indexOf(ch) >= 0).count() / (double) c.length();
                out.add(new Score(v, Map.of("share", v), Map.of("share", "share")));
            }
            return out;
        }
    };

    private static GrpoConfig grpoConfig(int steps) {
        return GrpoConfig.builder().set(GrpoConfig::numGenerations, 4).set(GrpoConfig::promptsPerStep, 2)
                .set(GrpoConfig::maxCompletionLength, 6).set(GrpoConfig::learningRate, 1e-2).set(GrpoConfig::adamEpsilon, 1.0)
                .set(GrpoConfig::temperature, 1.0).set(GrpoConfig::maxSteps, steps).set(GrpoConfig::seed, 7)
                .set(GrpoConfig::beta, 0.04).set(GrpoConfig::entropyCoef, 0.01).set(GrpoConfig::logCompletionsSteps, 0).build();
    }

    private static void near(String what, double want, double got, double rel) {
        assertEquals(want, got, rel * Math.max(1e-3, Math.abs(want)), what);
    }

    /** Log-probs of a fixed batch (the policy after training), row by row. */
    private static float[][] policyLogprobs(DecoderModel m) {
        int[] a = CudaModelTest.TOK.encode("q0=abcd"), b = CudaModelTest.TOK.encode("q1=hz");
        int[][] tokens = {a, java.util.Arrays.copyOf(b, a.length)};
        try (ForwardPass fp = m.forward(new TokenBatch(tokens, new int[] {3, 3}, new int[] {a.length, b.length}), 1f, false)) {
            return fp.logprobs();
        }
    }

    @Test
    void grpoStepsMatchNd4jAndEachStepGivesItsDeviceMemoryBack() {
        CachingAllocator alloc = cu.context().allocator();
        long before = alloc.liveBytes();
        DecoderModel[] m = CudaModelTest.pair(11);
        int steps = 3;
        Deque<List<List<Generation>>> sampled = new ArrayDeque<>();
        List<StepMetrics> cudaSteps = new ArrayList<>(), hostSteps = new ArrayList<>();
        List<Long> liveAfterStep = new ArrayList<>();

        GrpoTrainer onCuda = new GrpoTrainer(m[1], CudaModelTest.TOK, SHARE, problems(4), p -> p.question() + "=", grpoConfig(steps));
        Generator cudaGen = new Generator(m[1], CudaModelTest.TOK);
        onCuda.sampler((prompts, n, params) -> {
            List<List<Generation>> g = cudaGen.generateTokens(prompts, n, params);
            if (sampled.isEmpty()) {
                // the first rollout comes from identical weights: nd4j's own sampling must agree token for token
                List<List<Generation>> own = new Generator(m[0], CudaModelTest.TOK).generateTokens(prompts, n, params);
                for (int i = 0; i < g.size(); i++)
                    for (int j = 0; j < n; j++)
                        assertArrayEquals(own.get(i).get(j).tokens(), g.get(i).get(j).tokens(), "first rollout, prompt " + i + " sample " + j);
            }
            sampled.add(g);
            return g;
        });
        onCuda.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics s) {
                cudaSteps.add(s);
                m[1].releaseBuffers();   // the activation pool's blocks back to the allocator: what stays is the run's state
                liveAfterStep.add(alloc.liveBytes());
            }
        });
        onCuda.train();
        float[][] cudaLp = policyLogprobs(m[1]);

        Deque<List<List<Generation>>> replay = new ArrayDeque<>(sampled);
        GrpoTrainer onHost = new GrpoTrainer(m[0], CudaModelTest.TOK, SHARE, problems(4), p -> p.question() + "=", grpoConfig(steps));
        onHost.sampler((prompts, n, params) -> replay.removeFirst());
        onHost.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics s) { hostSteps.add(s); }
        });
        onHost.train();
        float[][] hostLp = policyLogprobs(m[0]);

        assertEquals(steps, cudaSteps.size());
        assertEquals(steps, hostSteps.size());
        for (int s = 0; s < steps; s++) {
            StepMetrics h = hostSteps.get(s), c = cudaSteps.get(s);
            assertFalse(c.skipped(), "cuda step " + s + ": " + c.note());
            System.out.printf("GRPO step %d: loss %.7g vs %.7g, reward %.5f vs %.5f, kl %.4g vs %.4g, entropy %.6g vs %.6g, grad_norm %.6g vs %.6g%n",
                    s + 1, h.get("loss"), c.get("loss"), h.get("reward"), c.get("reward"), h.get("kl"), c.get("kl"),
                    h.get("entropy"), c.get("entropy"), h.get("grad_norm"), c.get("grad_norm"));
            assertEquals(h.get("reward"), c.get("reward"), 0.0, "step " + s + " reward (the same completions)");
            near("step " + s + " loss", h.get("loss"), c.get("loss"), 1e-4);
            near("step " + s + " entropy", h.get("entropy"), c.get("entropy"), 1e-4);
            near("step " + s + " grad_norm", h.get("grad_norm"), c.get("grad_norm"), 1e-4);
            assertEquals(h.get("kl"), c.get("kl"), 1e-6 + 1e-3 * Math.abs(h.get("kl")), "step " + s + " kl");
        }
        assertTrue(cudaSteps.get(steps - 1).get("kl") > 0, "the policy moved away from the reference");
        for (int b = 0; b < hostLp.length; b++) CudaModelTest.near("policy log-probs after GRPO, row " + b, hostLp[b], cudaLp[b], 1e-4);

        // device memory: every step leaves the same live bytes (weights, gradients, AdamW moments, the reference
        // model, rotary tables): nothing a step allocates outlives it once the pool is released
        for (int s = 1; s < steps; s++) assertEquals(liveAfterStep.get(0), liveAfterStep.get(s), "live device bytes after step " + (s + 1));
        onCuda.close();
        m[1].close();
        assertEquals(before, alloc.liveBytes(), "the trainer and the model gave every device byte back");
    }

    @Test
    void sftStepsMatchNd4jAndTheCheckpointResumesOnTheDevice(@TempDir Path dir) {
        CachingAllocator alloc = cu.context().allocator();
        long before = alloc.liveBytes();
        List<SftExample> data = new ArrayList<>();
        for (int i = 0; i < 4; i++) data.add(new SftExample("e" + i, "q" + i + ":", "ans" + i));
        DecoderModel[] m = CudaModelTest.pair(13);
        double[][] loss = new double[2][];
        for (int k = 0; k < 2; k++) {
            // the cuda run writes its checkpoint (weights and AdamW moments copied off the device)
            SftConfig cfg = new SftConfig(1e-3, 4, 4, 0, "constant", 0.0, 1.0, 64, 3, 0, k == 1 ? dir.resolve("sft") : null);
            try (SftTrainer t = new SftTrainer(m[k], CudaModelTest.TOK, data, cfg)) {
                List<Double> l = new ArrayList<>();
                t.addListener(new TrainingListener() {
                    @Override public void onStep(StepMetrics s) { l.add(s.get("loss")); }
                });
                t.train();
                loss[k] = l.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        System.out.printf("SFT losses nd4j %s vs cuda %s%n", java.util.Arrays.toString(loss[0]), java.util.Arrays.toString(loss[1]));
        assertEquals(4, loss[1].length);
        for (int s = 0; s < 4; s++) near("SFT step " + s + " loss", loss[0][s], loss[1][s], 1e-4);
        assertTrue(loss[1][3] < loss[1][0], "the loss falls");
        float[][] hostLp = policyLogprobs(m[0]), cudaLp = policyLogprobs(m[1]);
        for (int b = 0; b < hostLp.length; b++) CudaModelTest.near("log-probs after SFT, row " + b, hostLp[b], cudaLp[b], 1e-4);
        // a fresh cuda model resumes from that checkpoint: the weights come back onto the device exactly
        DecoderModel resumed = CudaModelTest.pair(99)[1];
        SftConfig cfg = new SftConfig(1e-3, 4, 4, 0, "constant", 0.0, 1.0, 64, 3, 0, dir.resolve("sft"));
        try (SftTrainer t = new SftTrainer(resumed, CudaModelTest.TOK, data, cfg)) {
            assertTrue(t.resume(), "found the checkpoint");
            assertEquals(4, t.step());
        }
        for (String name : m[1].parameters().names())
            assertArrayEquals(m[1].parameters().weight(name).toFloats(), resumed.parameters().weight(name).toFloats(), name + " after resume");
        resumed.close();
        m[1].close();
        assertEquals(before, alloc.liveBytes(), "the SFT run and the model gave every device byte back");
    }
}
