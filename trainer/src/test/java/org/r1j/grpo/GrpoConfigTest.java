package org.r1j.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpoConfigTest {
    @Test
    void trlDefaults() {
        GrpoConfig c = GrpoConfig.builder().build();
        assertEquals(8, c.numGenerations());
        assertEquals(0.0, c.beta());
        assertEquals(0.2, c.epsilon());
        assertEquals(0.2, c.epsilonHigh(), "epsilon_high defaults to epsilon");
        assertEquals(LossType.DAPO, c.lossType());
        assertEquals(ScaleRewards.GROUP, c.scaleRewards());
        assertEquals(1, c.numIterations());
        assertEquals(1e-6, c.learningRate());
        assertEquals(1.0, c.maxGradNorm());
        assertEquals(42, c.seed());
    }

    @Test
    void snakeCaseMapRoundTrip() {
        GrpoConfig c = GrpoConfig.fromMap(Map.of("num_generations", 16, "loss_type", "dr_grpo", "scale_rewards", "none",
                "epsilon_high", 0.28, "beta", "0.001", "ref_model_sync_steps", 400, "mask_truncated_completions", true));
        assertEquals(16, c.numGenerations());
        assertEquals(LossType.DR_GRPO, c.lossType());
        assertEquals(ScaleRewards.NONE, c.scaleRewards());
        assertEquals(0.28, c.epsilonHigh());
        assertEquals(0.001, c.beta());
        assertEquals(400, c.refModelSyncSteps());
        assertTrue(c.maskTruncatedCompletions());
        assertEquals(c, GrpoConfig.fromMap(c.toMap()));
    }

    @Test
    void badSettingsSayWhichAndWhy() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> GrpoConfig.fromMap(Map.of("num_generation", 8)));
        assertTrue(unknown.getMessage().contains("unknown GRPO setting 'num_generation'") && unknown.getMessage().contains("num_generations"));
        var type = assertThrows(IllegalArgumentException.class, () -> GrpoConfig.fromMap(Map.of("beta", "lots")));
        assertTrue(type.getMessage().contains("'beta'"), type.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> GrpoConfig.builder().set(GrpoConfig::numGenerations, 1).build());
        assertTrue(range.getMessage().contains("num_generations must be >= 2"));
        var loss = assertThrows(IllegalArgumentException.class, () -> GrpoConfig.fromMap(Map.of("loss_type", "ppo")));
        assertTrue(loss.getMessage().contains("grpo, bnpo, dr_grpo, dapo"));
    }
}
