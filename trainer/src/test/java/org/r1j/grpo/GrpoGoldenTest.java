package org.r1j.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Advantages and every loss_type against golden vectors from PyTorch autograd, written by
 * tests/reference/grpo_golden.py (which mirrors TRL's GRPOTrainer). Regenerate with
 * {@code /usr/bin/python3 tests/reference/grpo_golden.py}.
 */
class GrpoGoldenTest {
    private static final Path GOLDEN = Path.of("..", "tests", "reference", "golden", "grpo_golden.json");

    private static JsonNode golden() throws Exception {
        assertTrue(Files.exists(GOLDEN), "missing " + GOLDEN.toAbsolutePath() + "; run /usr/bin/python3 tests/reference/grpo_golden.py");
        return new ObjectMapper().readTree(GOLDEN.toFile());
    }

    @Test
    void advantagesMatchTorch() throws Exception {
        int cases = 0;
        for (JsonNode c : golden().get("advantages")) {
            Advantages a = Advantages.compute(doubles(c.get("rewards")), c.get("group_size").asInt(),
                    ScaleRewards.parse(c.get("scale_rewards").asText()));
            double[] want = doubles(c.get("advantages"));
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], a.advantages()[i], 1e-9, c.get("scale_rewards").asText() + " advantage " + i);
            }
            assertEquals(c.get("frac_reward_zero_std").asDouble(), a.fracZeroStd(), 1e-12);
            cases++;
        }
        assertEquals(3, cases);
    }

    @Test
    void everyLossTypeMatchesTorchAutograd() throws Exception {
        int cases = 0;
        double maxDiff = 0;
        for (JsonNode c : golden().get("losses")) {
            String name = c.get("loss_type").asText() + " beta=" + c.get("beta").asDouble()
                    + (c.get("old_logp").isNull() ? " on-policy" : " mu>1");
            GrpoLoss loss = new GrpoLoss(c.get("epsilon").asDouble(), c.get("epsilon_high").asDouble(),
                    c.get("beta").asDouble(), LossType.parse(c.get("loss_type").asText()),
                    c.get("max_completion_length").asInt());
            float[][] mask = floats(c.get("mask"));
            GrpoLoss.Result r = loss.compute(floats(c.get("logp")), c.get("old_logp").isNull() ? null : floats(c.get("old_logp")),
                    floats(c.get("ref_logp")), doubles(c.get("advantages")), mask, c.get("dapo_tokens").asDouble());
            assertEquals(c.get("loss").asDouble(), r.loss(), 1e-5, name + " loss");
            float[][] want = floats(c.get("dlogp"));
            for (int i = 0; i < want.length; i++) {
                for (int j = 0; j < want[i].length; j++) {
                    double d = Math.abs(want[i][j] - r.dLogprobs()[i][j]);
                    maxDiff = Math.max(maxDiff, d);
                    assertEquals(want[i][j], r.dLogprobs()[i][j], 1e-5, name + " dlogp[" + i + "][" + j + "]");
                }
            }
            assertEquals(c.get("low_clip").asDouble(), r.lowClipMean(), 1e-12, name + " low clip");
            assertEquals(c.get("high_clip").asDouble(), r.highClipMean(), 1e-12, name + " high clip");
            assertEquals(c.get("region_clip").asDouble(), r.regionClipMean(), 1e-12, name + " region clip");
            if (c.has("kl")) assertEquals(c.get("kl").asDouble(), r.klMean(), 1e-5, name + " kl");
            cases++;
        }
        assertEquals(16, cases, "4 loss types x {on-policy, mu>1} x {beta 0, beta>0}");
        assertTrue(maxDiff < 1e-5, "max |dlogp| diff " + maxDiff);
    }

    @Test
    void advantageEstimatorsAndGdpoMatchTorch() throws Exception {
        int cases = 0;
        for (JsonNode c : golden().get("advantages_v2")) {
            String name = c.get("advantage_estimator").asText() + "/" + c.get("scale_rewards").asText() + "/"
                    + c.get("multi_objective_aggregation").asText();
            JsonNode per = c.get("per_reward");
            double[][] perReward = new double[per.size()][];
            for (int i = 0; i < perReward.length; i++) perReward[i] = doubles(per.get(i));
            Advantages a = Advantages.compute(doubles(c.get("rewards")), perReward, doubles(c.get("weights")),
                    doubles(c.get("tokens")), c.get("group_size").asInt(), ScaleRewards.parse(c.get("scale_rewards").asText()),
                    AdvantageEstimator.parse(c.get("advantage_estimator").asText()),
                    MultiObjectiveAggregation.parse(c.get("multi_objective_aggregation").asText()));
            double[] want = doubles(c.get("advantages"));
            for (int i = 0; i < want.length; i++) assertEquals(want[i], a.advantages()[i], 1e-9, name + " advantage " + i);
            assertEquals(c.get("frac_reward_zero_std").asDouble(), a.fracZeroStd(), 1e-12, name + " frac_reward_zero_std");
            cases++;
        }
        assertEquals(8, cases);
    }

    @Test
    void objectiveVariantsMatchTorchAutograd() throws Exception {
        int cases = 0;
        for (JsonNode c : golden().get("losses_v2")) {
            GrpoLoss loss = new GrpoLoss(objective(c));
            String name = loss.objective().toString();
            GrpoLoss.Result r = loss.compute(new GrpoLoss.Batch(floats(c.get("logp")), floats(c.get("old_logp")),
                    floats(c.get("ref_logp")), doubles(c.get("advantages")), floats(c.get("mask")), floats(c.get("entropies")),
                    c.get("is_weights").isNull() ? null : floats(c.get("is_weights")), c.get("step_tokens").asDouble(),
                    c.get("accumulation_steps").asInt()));
            assertEquals(c.get("loss").asDouble(), r.loss(), 1e-5, name + " loss");
            assertClose(floats(c.get("dlogp")), r.dLogprobs(), name + " dlogp");
            if (c.get("entropy_coef").asDouble() != 0) assertClose(floats(c.get("dent")), r.dEntropies(), name + " dentropy");
            if (c.has("low_clip")) {
                assertEquals(c.get("low_clip").asDouble(), r.lowClipMean(), 1e-12, name + " low clip");
                assertEquals(c.get("high_clip").asDouble(), r.highClipMean(), 1e-12, name + " high clip");
            }
            if (c.has("low_min")) {
                assertEquals(c.get("low_min").asDouble(), r.lowClipMin(), 1e-12, name + " low_min");
                assertEquals(c.get("high_max").asDouble(), r.highClipMax(), 1e-12, name + " high_max");
            }
            if (c.has("kl")) assertEquals(c.get("kl").asDouble(), r.klMean(), 1e-5, name + " kl");
            cases++;
        }
        assertEquals(14, cases);
    }

    @Test
    void microBatchGradientsSumToTheWholeBatchs() throws Exception {
        int cases = 0;
        for (JsonNode c : golden().get("accumulation")) {
            GrpoLoss loss = new GrpoLoss(objective(c));
            String name = c.get("loss_type").asText();
            float[][] logp = floats(c.get("logp")), ref = floats(c.get("ref_logp")), mask = floats(c.get("mask"));
            float[][] ent = floats(c.get("entropies"));
            double[] adv = doubles(c.get("advantages"));
            double tokens = 0;
            for (float[] row : mask) for (float m : row) tokens += m;
            int micro = c.get("micro_batch").asInt(), steps = logp.length / micro;
            double sum = 0;
            float[][] grads = new float[logp.length][], dEnt = new float[logp.length][];
            for (int k = 0; k < steps; k++) {
                int from = k * micro, to = from + micro;
                GrpoLoss.Result part = loss.compute(new GrpoLoss.Batch(slice(logp, from, to), null, slice(ref, from, to),
                        java.util.Arrays.copyOfRange(adv, from, to), slice(mask, from, to), slice(ent, from, to), null, tokens, steps));
                sum += part.loss();
                for (int i = 0; i < micro; i++) {
                    grads[from + i] = part.dLogprobs()[i];
                    dEnt[from + i] = part.dEntropies() == null ? new float[logp[0].length] : part.dEntropies()[i];
                }
            }
            GrpoLoss.Result whole = loss.compute(new GrpoLoss.Batch(logp, null, ref, adv, mask, ent, null, tokens, 1));
            assertEquals(c.get("loss").asDouble(), whole.loss(), 1e-6, name + " whole-batch loss vs torch");
            assertEquals(whole.loss(), sum, 1e-6, name + ": micro-batch losses sum to the whole batch's");
            assertClose(floats(c.get("dlogp")), grads, name + " accumulated dlogp vs torch");
            assertClose(whole.dLogprobs(), grads, name + " accumulated dlogp vs whole batch");
            if (c.get("entropy_coef").asDouble() != 0) assertClose(floats(c.get("dent")), dEnt, name + " accumulated dentropy");
            cases++;
        }
        assertEquals(5, cases);
    }

    /** The committed golden is what the script writes now (so the script stays runnable and in sync). */
    @Test
    void scriptRegeneratesTheCommittedGolden(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        String python = System.getenv().getOrDefault("R1J_PYTHON", "/usr/bin/python3");
        boolean torch = Files.isExecutable(Path.of(python)) && new ProcessBuilder(python, "-c", "import torch")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!torch) {
            String why = python + " with torch is missing; install it with `apt-get install python3-torch` "
                    + "(or set R1J_PYTHON) to check tests/reference/grpo_golden.py";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) org.junit.jupiter.api.Assertions.fail(why);
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        Path fresh = out.resolve("grpo_golden.json");
        Process p = new ProcessBuilder(python, GOLDEN.getParent().getParent().resolve("grpo_golden.py").toString(),
                fresh.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        assertSameNumbers("", golden(), new ObjectMapper().readTree(fresh.toFile()));
    }

    /** Equal trees, numbers to 1e-9 relative (another torch build may round the last bits differently). */
    private static void assertSameNumbers(String path, JsonNode want, JsonNode got) {
        if (want.isNumber()) {
            assertTrue(got.isNumber(), path + ": " + got);
            double w = want.asDouble(), g = got.asDouble();
            assertEquals(w, g, 1e-9 * Math.max(1, Math.abs(w)), path);
        } else if (want.isContainerNode()) {
            assertEquals(want.size(), got.size(), path + " size");
            if (want.isArray()) {
                for (int i = 0; i < want.size(); i++) assertSameNumbers(path + "[" + i + "]", want.get(i), got.get(i));
            } else {
                want.fieldNames().forEachRemaining(k -> assertSameNumbers(path + "." + k, want.get(k), got.get(k)));
            }
        } else {
            assertEquals(want, got, path);
        }
    }

    private static GrpoLoss.Objective objective(JsonNode c) {
        return new GrpoLoss.Objective(c.get("epsilon").asDouble(), c.get("epsilon_high").asDouble(),
                c.get("delta").isNull() ? null : c.get("delta").asDouble(), c.get("beta").asDouble(),
                LossType.parse(c.get("loss_type").asText()), c.get("max_completion_length").asInt(),
                ImportanceSamplingLevel.parse(c.get("importance_sampling_level").asText()),
                KlEstimator.parse(c.get("kl_estimator").asText()), c.get("sapo_temperature_pos").asDouble(),
                c.get("sapo_temperature_neg").asDouble(), c.get("entropy_coef").asDouble(),
                c.get("top_entropy_quantile").asDouble());
    }

    private static float[][] slice(float[][] x, int from, int to) {
        return java.util.Arrays.copyOfRange(x, from, to);
    }

    private static void assertClose(float[][] want, float[][] got, String what) {
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                assertEquals(want[i][j], got[i][j], 1e-5 + 1e-5 * Math.abs(want[i][j]), what + "[" + i + "][" + j + "]");
            }
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) x[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        return x;
    }

    private static float[][] floats(JsonNode a) {
        float[][] x = new float[a.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[a.get(i).size()];
            for (int j = 0; j < x[i].length; j++) x[i][j] = (float) a.get(i).get(j).asDouble();
        }
        return x;
    }
}
