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

    private static double[] doubles(JsonNode a) {
        double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) x[i] = a.get(i).asDouble();
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
