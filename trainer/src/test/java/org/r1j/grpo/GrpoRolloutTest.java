package org.r1j.grpo;

import org.r1j.model.backend.nd4j.HostArrays;

import org.r1j.train.TrainingListener;
import org.r1j.config.Knobs;
import org.r1j.train.StepMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.model.DecoderModel;
import org.r1j.model.sample.Generator;

/**
 * How a rollout feeds the optimiser (micro-batches, several updates, dynamic sampling) and the sampler/trainer
 * metrics, on the real tiny decoder.
 */
class GrpoRolloutTest {
    private static List<StepMetrics> run(GrpoTrainer t) {
        List<StepMetrics> steps = new ArrayList<>();
        t.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) { steps.add(m); }
        });
        t.train();
        return steps;
    }

    private static double maxWeightDiff(DecoderModel a, DecoderModel b) {
        double worst = 0;
        for (String n : a.parameters().names()) {
            worst = Math.max(worst, HostArrays.of(a.parameters().weight(n)).sub(HostArrays.of(b.parameters().weight(n))).amaxNumber().doubleValue());
        }
        return worst;
    }

    @Test
    void microBatchesGiveTheWholeBatchsGradientAndUpdate() {
        for (LossType type : List.of(LossType.DAPO, LossType.GRPO, LossType.DR_GRPO)) {
            // AdamW with epsilon = lr = 1e4 moves each weight by ~its gradient (lr·g/(|g|+eps)): the weights after one
            // step compare the two gradients element by element, without Adam's sign-like first step in between
            Knobs.Builder<GrpoConfig> base = GrpoTrainerTest.config().set(GrpoConfig::lossType, type).set(GrpoConfig::maxSteps, 1).set(GrpoConfig::maxGradNorm, 0).set(GrpoConfig::beta, 0.04)
                    .set(GrpoConfig::learningRate, 1e4).set(GrpoConfig::adamEpsilon, 1e4);
            DecoderModel whole = GrpoTrainerTest.model(1), split = GrpoTrainerTest.model(1);
            StepMetrics a = run(new GrpoTrainer(whole, GrpoTrainerTest.TOK, TestRewards.shareOf("abcdefgh"),
                    GrpoTrainerTest.problems(4), GrpoTrainerTest.TEMPLATE, base.build())).get(0);
            GrpoConfig micro = base.set(GrpoConfig::gradientAccumulationSteps, 4).build();   // 16 completions in 4 micro-batches of 4
            assertEquals(4, micro.perDeviceTrainBatchSize());
            assertEquals(1, micro.updatesPerGeneration());
            StepMetrics b = run(new GrpoTrainer(split, GrpoTrainerTest.TOK, TestRewards.shareOf("abcdefgh"),
                    GrpoTrainerTest.problems(4), GrpoTrainerTest.TEMPLATE, micro)).get(0);
            assertTrue(a.get("grad_norm") > 0);
            assertEquals(a.get("grad_norm"), b.get("grad_norm"), 1e-5 * a.get("grad_norm"), type + " grad_norm");
            assertEquals(a.get("loss"), b.get("loss"), 1e-6, type + " loss");
            assertEquals(a.get("kl"), b.get("kl"), 1e-7, type + " kl");
            assertEquals(a.get("entropy"), b.get("entropy"), 1e-6, type + " entropy");
            double diff = maxWeightDiff(whole, split);
            System.out.printf("%s: whole vs 4 micro-batches: grad_norm %.6g vs %.6g, max gradient diff %.2g%n", type,
                    a.get("grad_norm"), b.get("grad_norm"), diff);
            assertTrue(diff < 1e-6 * a.get("grad_norm"), type + ": gradients differ by " + diff);
        }
    }

    @Test
    void oneRolloutFeedsSeveralUpdates() {
        AtomicInteger generations = new AtomicInteger();
        GrpoConfig cfg = GrpoTrainerTest.config().set(GrpoConfig::maxSteps, 8).set(GrpoConfig::stepsPerGeneration, 4).build();
        assertEquals(4, cfg.updatesPerGeneration());
        assertEquals(4, cfg.perDeviceTrainBatchSize());
        DecoderModel model = GrpoTrainerTest.model(1);
        Generator g = new Generator(model, GrpoTrainerTest.TOK);
        GrpoTrainer t = new GrpoTrainer(model, GrpoTrainerTest.TOK, TestRewards.shareOf("abcdefgh"),
                GrpoTrainerTest.problems(8), GrpoTrainerTest.TEMPLATE, cfg);
        t.sampler((prompts, n, params) -> {
            generations.incrementAndGet();
            return g.generateTokens(prompts, n, params);
        });
        List<StepMetrics> steps = run(t);
        assertEquals(8, steps.size());
        assertEquals(2, generations.get(), "8 updates from 2 rollouts");
        // num_tokens grows only when a rollout is drawn; the first update of a rollout is on-policy (ratio 1)
        assertEquals(steps.get(0).get("num_tokens"), steps.get(3).get("num_tokens"));
        assertTrue(steps.get(4).get("num_tokens") > steps.get(3).get("num_tokens"));
        assertEquals(0, steps.get(0).get("clip_ratio/region_mean"));
        assertFalse(steps.stream().anyMatch(StepMetrics::skipped));
    }

    @Test
    void dynamicSamplingKeepsOnlyGroupsWithSignal() {
        // prompts q0, q2, … always score 1 (no signal); q1, q3, … score by character share
        Rewarder shares = TestRewards.shareOf("abcdefgh");
        Rewarder reward = new Rewarder() {
            @Override public List<String> rewardNames() { return List.of("share"); }
            @Override public double weight(String r) { return 1; }
            @Override public List<Score> scoreGroup(List<Sample> group) {
                int q = Integer.parseInt(group.get(0).prompt().substring(1, group.get(0).prompt().length() - 1));
                if (q % 2 == 1) return shares.scoreGroup(group);
                List<Score> out = new ArrayList<>();
                for (Sample s : group) out.add(new Score(1, Map.of("share", 1.0), Map.of("share", "constant")));
                return out;
            }
        };
        GrpoConfig cfg = GrpoTrainerTest.config().set(GrpoConfig::maxSteps, 3).set(GrpoConfig::filterGroups, true).set(GrpoConfig::beta, 0.04).set(GrpoConfig::klEstimator, KlEstimator.K2).build();
        List<StepMetrics> steps = run(new GrpoTrainer(GrpoTrainerTest.model(1), GrpoTrainerTest.TOK, reward,
                GrpoTrainerTest.problems(8), GrpoTrainerTest.TEMPLATE, cfg));
        double dropped = 0;
        for (StepMetrics m : steps) {
            assertEquals(0, m.get("frac_reward_zero_std"), "step " + m.step() + " kept a group without signal");
            assertEquals(2, m.get("dynamic_sampling/kept_groups"));
            assertTrue(m.get("dynamic_sampling/num_gen_batches") >= 2, "half the prompts carry no signal");
            dropped += m.get("dynamic_sampling/dropped_groups");
        }
        assertTrue(dropped >= 3, "dropped " + dropped);
        assertEquals(0, steps.get(0).get("kl"), 1e-9, "the first update is on the reference model itself");
        // two problems, q0 and q1, and one generation batch: only q1's group has signal, so the step trains on 8
        // completions, split over the 2 updates of steps_per_generation = 2 (4 each) instead of the configured 8
        GrpoConfig short1 = GrpoTrainerTest.config().set(GrpoConfig::maxSteps, 2).set(GrpoConfig::filterGroups, true).set(GrpoConfig::maxNumGenBatches, 1).set(GrpoConfig::stepsPerGeneration, 2).build();
        List<StepMetrics> shortSteps = run(new GrpoTrainer(GrpoTrainerTest.model(1), GrpoTrainerTest.TOK, reward,
                GrpoTrainerTest.problems(2), GrpoTrainerTest.TEMPLATE, short1));
        for (StepMetrics m : shortSteps) {
            assertEquals(1, m.get("dynamic_sampling/kept_groups"));
            assertEquals(1, m.get("dynamic_sampling/dropped_groups"));
            assertFalse(m.skipped(), m.note());
            assertTrue(m.get("grad_norm") > 0, "trained on the kept group");
        }
        GrpoConfig bad = GrpoTrainerTest.config().set(GrpoConfig::filterGroups, true).set(GrpoConfig::filterGroupsMetric, "accuracy").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GrpoTrainer(GrpoTrainerTest.model(1),
                GrpoTrainerTest.TOK, reward, GrpoTrainerTest.problems(8), GrpoTrainerTest.TEMPLATE, bad));
        assertTrue(e.getMessage().startsWith("filter_groups_metric 'accuracy'"), e.getMessage());
    }

    @Test
    void samplerMismatchIsMeasuredAndCorrected() {
        // the default sampler is the policy itself (KV-cached decode vs the trainer's full forward): they agree closely
        GrpoConfig cfg = GrpoTrainerTest.config().set(GrpoConfig::maxSteps, 2).build();
        List<StepMetrics> steps = run(new GrpoTrainer(GrpoTrainerTest.model(1), GrpoTrainerTest.TOK,
                TestRewards.shareOf("abcdefgh"), GrpoTrainerTest.problems(4), GrpoTrainerTest.TEMPLATE, cfg));
        StepMetrics m = steps.get(1);
        System.out.printf("sampler vs trainer: |dlogp| mean %.3g max %.3g%n", m.get("sampling/sampling_logp_difference/mean"),
                m.get("sampling/sampling_logp_difference/max"));
        assertTrue(m.get("sampling/sampling_logp_difference/max") < 1e-3, m.values().toString());
        assertEquals(1, m.get("sampling/importance_sampling_ratio/mean"), 1e-3);
        // a sampler whose log-probs are off by 0.5 nats per token: token_truncate caps the weight exp(0.5) at 1.2
        DecoderModel model = GrpoTrainerTest.model(1);
        Generator g = new Generator(model, GrpoTrainerTest.TOK);
        GrpoConfig corrected = GrpoTrainerTest.config().set(GrpoConfig::maxSteps, 1).set(GrpoConfig::vllmImportanceSamplingCorrection, true)
                .set(GrpoConfig::vllmImportanceSamplingMode, SamplerCorrectionMode.TOKEN_TRUNCATE).set(GrpoConfig::vllmImportanceSamplingClipMax, 1.2).build();
        GrpoTrainer t = new GrpoTrainer(model, GrpoTrainerTest.TOK, TestRewards.shareOf("abcdefgh"),
                GrpoTrainerTest.problems(4), GrpoTrainerTest.TEMPLATE, corrected);
        t.sampler((prompts, n, params) -> {
            List<List<org.r1j.model.sample.Generation>> out = new ArrayList<>();
            for (List<org.r1j.model.sample.Generation> group : g.generateTokens(prompts, n, params)) {
                List<org.r1j.model.sample.Generation> shifted = new ArrayList<>();
                for (org.r1j.model.sample.Generation x : group) {
                    float[] lp = x.logprobs().clone();
                    for (int i = 0; i < lp.length; i++) lp[i] -= 0.5f;
                    shifted.add(new org.r1j.model.sample.Generation(x.promptTokens(), x.tokens(), x.text(), lp, x.finishReason()));
                }
                out.add(shifted);
            }
            return out;
        });
        StepMetrics c = run(t).get(0);
        assertEquals(0.5, c.get("sampling/sampling_logp_difference/mean"), 1e-3);
        assertEquals(1.2, c.get("sampling/importance_sampling_ratio/max"), 1e-6);
        assertEquals(1.2, c.get("sampling/importance_sampling_ratio/min"), 1e-6);
        assertFalse(c.skipped());
    }

    @Test
    void trainerStepsFollowTheSchedule() {
        // the schedule itself (every lr_scheduler_type) is LrScheduleTest's; here: the loop uses it per 0-based step
        GrpoTrainer linear = new GrpoTrainer(GrpoTrainerTest.model(1), GrpoTrainerTest.TOK, TestRewards.shareOf("a"),
                GrpoTrainerTest.problems(2), GrpoTrainerTest.TEMPLATE,
                GrpoTrainerTest.config().set(GrpoConfig::learningRate, 1e-3).set(GrpoConfig::warmupSteps, 10).set(GrpoConfig::maxSteps, 110).set(GrpoConfig::lrSchedulerType, "linear").build());
        assertEquals(1e-4, linear.trainStep().get("learning_rate"), 1e-15);           // warm-up (step+1)/warmup
        assertEquals(2e-4, linear.trainStep().get("learning_rate"), 1e-15);
    }
}
