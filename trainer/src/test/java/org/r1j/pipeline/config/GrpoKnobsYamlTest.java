package org.r1j.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.r1j.grpo.AdvantageEstimator;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.ImportanceSamplingLevel;
import org.r1j.grpo.KlEstimator;
import org.r1j.grpo.LossType;
import org.r1j.grpo.MultiObjectiveAggregation;
import org.r1j.grpo.SamplerCorrectionMode;
import org.r1j.pipeline.run.GrpoStage;

/** The 2026 GRPO settings in YAML: TRL/verl names in, the same config out, bad values at their line. */
class GrpoKnobsYamlTest {
    private static final String HEAD = "name: t\ntask: {name: arithmetic, seed: 3}\nmodel: {preset: tiny}\nstages:\n  - grpo:\n";

    private static GrpoConfig grpo(String body) {
        PipelineConfig c = PipelineConfigTest.parse(HEAD + body);
        return ((GrpoStage) c.stages().get(0)).config();
    }

    private static String error(String body) {
        return assertThrows(ConfigException.class, () -> PipelineConfigTest.parse(HEAD + body)).getMessage();
    }

    @Test
    void everyNewSettingReadsWithItsTrlOrVerlName() {
        GrpoConfig c = grpo("""
                      num_generations: 8
                      prompts_per_step: 4
                      advantage_estimator: rloo
                      importance_sampling_level: sequence
                      loss_type: sapo
                      sapo_temperature_neg: 1.2
                      epsilon: 10
                      epsilon_high: 10
                      delta: 12
                      kl_estimator: low_var_kl
                      beta: 0.001
                      entropy_coef: 0.01
                      top_entropy_quantile: 0.2
                      filter_groups: true
                      filter_groups_metric: accuracy
                      max_num_gen_batches: 5
                      steps_per_generation: 8
                      gradient_accumulation_steps: 2
                      vllm_importance_sampling_correction: true
                      vllm_importance_sampling_mode: token_truncate
                      vllm_importance_sampling_cap: 2.0
                      min_p: 0.05
                      repetition_penalty: 1.1
                      lr_scheduler_type: cosine_with_min_lr
                      min_lr_rate: 0.1
                """);
        assertEquals(AdvantageEstimator.RLOO, c.advantageEstimator());
        assertEquals(ImportanceSamplingLevel.SEQUENCE, c.importanceSamplingLevel());
        assertEquals(LossType.SAPO, c.lossType());
        assertEquals(10, c.epsilon(), "no < 1 cap: R1's Nature settings use 10");
        assertEquals(12.0, c.delta());
        assertEquals(KlEstimator.K3, c.klEstimator(), "verl's low_var_kl is k3");
        assertEquals(8, c.stepsPerGeneration());
        assertEquals(4, c.updatesPerGeneration(), "8 micro-batches, 2 per optimiser step");
        assertEquals(4, c.perDeviceTrainBatchSize(), "32 completions / 8");
        assertEquals(SamplerCorrectionMode.TOKEN_TRUNCATE, c.vllmImportanceSamplingMode());
        assertEquals(2.0, c.vllmImportanceSamplingClipMax(), "TRL's deprecated _cap is an alias of _clip_max");
        // the run folder's config.yaml form reads back to the same config
        assertEquals(c, GrpoConfig.fromMap(c.toMap()));
        assertEquals(MultiObjectiveAggregation.SUM_THEN_NORMALIZE, GrpoConfig.builder().build().multiObjectiveAggregation());
    }

    @Test
    void defaultsKeepTheEarlierBehaviour() {
        GrpoConfig c = grpo("      max_steps: 5\n");
        assertEquals(AdvantageEstimator.GRPO, c.advantageEstimator());
        assertEquals(ImportanceSamplingLevel.TOKEN, c.importanceSamplingLevel());
        assertNull(c.delta());
        assertEquals(KlEstimator.K3, c.klEstimator());
        assertEquals(1, c.stepsPerGeneration());
        assertEquals(1, c.gradientAccumulationSteps());
        assertEquals(c.completionsPerStep(), c.perDeviceTrainBatchSize());
        assertEquals(false, c.filterGroups());
        assertEquals(false, c.vllmImportanceSamplingCorrection());
        assertEquals(0, c.minP());
        assertEquals(1, c.repetitionPenalty());
    }

    @Test
    void generationBatchSizeIsTrlsSpellingOfPromptsPerStep() {
        assertEquals(6, grpo("      num_generations: 4\n      generation_batch_size: 24\n").promptsPerStep());
        assertEquals("t.yaml:7: stages[1].grpo.generation_batch_size: generation_batch_size must be a positive multiple of "
                + "num_generations = 4, got 22", error("      num_generations: 4\n      generation_batch_size: 22\n"));
        assertEquals("t.yaml:7: stages[1].grpo.generation_batch_size: generation_batch_size and prompts_per_step both set the "
                + "generation batch; keep one", error("      prompts_per_step: 2\n      generation_batch_size: 16\n"));
    }

    @Test
    void badSettingsAreRejectedAtTheirLine() {
        assertEquals("t.yaml:7: stages[1].grpo.steps_per_generation: steps_per_generation must divide the generation batch "
                        + "prompts_per_step x num_generations = 32, got 3",
                error("      prompts_per_step: 4\n      steps_per_generation: 3\n"));
        assertEquals("t.yaml:6: stages[1].grpo.steps_per_generation: steps_per_generation must be a multiple of "
                        + "gradient_accumulation_steps = 4 (whole optimiser steps per rollout), got 2",
                error("      steps_per_generation: 2\n      gradient_accumulation_steps: 4\n"));
        assertEquals("t.yaml:6: stages[1].grpo.per_device_train_batch_size: per_device_train_batch_size must be the generation "
                        + "batch 32 / steps_per_generation 1 = 32, got 8",
                error("      per_device_train_batch_size: 8\n"));
        assertEquals("t.yaml:6: stages[1].grpo.advantage_estimator: advantage_estimator must be one of grpo, rloo, "
                + "reinforce_plus_plus_baseline, grpo_passk; got 'ppo'", error("      advantage_estimator: ppo\n"));
        assertEquals("t.yaml:6: stages[1].grpo.loss_type: loss_type must be one of grpo, bnpo, dr_grpo, dapo, cispo, sapo; "
                + "got 'vespo'", error("      loss_type: vespo\n"));
        assertEquals("t.yaml:7: stages[1].grpo.delta: delta must be > 1 + epsilon_high = 1.2, got 1.1",
                error("      epsilon: 0.2\n      delta: 1.1\n"));
        assertEquals("t.yaml:6: stages[1].grpo.multi_objective_aggregation: multi_objective_aggregation normalize_then_sum "
                        + "(GDPO) needs advantage_estimator grpo, got rloo",
                error("      multi_objective_aggregation: normalize_then_sum\n      advantage_estimator: rloo\n"));
        assertEquals("t.yaml:6: stages[1].grpo.top_entropy_quantile: top_entropy_quantile must be in [0, 1], got 1.5",
                error("      top_entropy_quantile: 1.5\n"));
        assertEquals("t.yaml:6: stages[1].grpo.kl_estimator: kl_estimator must be one of k1, k2, k3; got 'k4'",
                error("      kl_estimator: k4\n"));
    }
}
