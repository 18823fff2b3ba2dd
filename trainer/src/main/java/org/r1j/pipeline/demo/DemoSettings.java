package org.r1j.pipeline.demo;

/**
 * Sizes of the demo run. The default ({@link #clean}) is the R1 recipe in miniature: a cold start on correct worked
 * examples, then GRPO long enough for the accuracy reward to teach a 99k-parameter model more than SFT did (on clean
 * data GRPO needs hundreds of steps: from a 22.8% cold start 60 gained nothing, 300 ~5 points, 900 ~18, measured here
 * and by an independent PyTorch GRPO from the same checkpoint). {@link #slips} is the earlier demo: half the cold-start answers
 * carry a transcription slip that SFT imitates and the verifier sees, and 60 GRPO steps remove most of them.
 * Quick variants evaluate on fewer problems with fewer samples (the end-to-end tests); training is the same.
 *
 * @param seed              seeds model init, task problems, SFT order, sampling
 * @param coldStartExamples distinct cold-start SFT examples (R1's "thousands of long-CoT samples", scaled down)
 * @param slipRate          share of cold-start examples whose final answer has a transcription slip (last digit + 1)
 *                          although their working is right — imperfect cold-start data, as from a sloppy teacher;
 *                          SFT imitates the slips, GRPO's accuracy reward can remove them (0 in the clean demo)
 * @param sftSteps          cold-start SFT steps; kept short on purpose so the SFT model is mediocre and RL has room
 * @param sftBatch          SFT batch size
 * @param sftLr             SFT learning rate (tiny model from scratch)
 * @param evalProblems      held-out TEST problems for pass@1 before and after
 * @param evalK             samples per problem for pass@1 (R1 protocol: temperature 0.6, top-p 0.95)
 * @param evalEvery         GRPO steps between held-out evaluations during the run (the report's curve); 0: none
 * @param grpoSteps         GRPO steps
 * @param grpoWarmupSteps   linear learning-rate warm-up steps of GRPO
 * @param promptsPerStep    prompts per GRPO step
 * @param numGenerations    G completions per prompt
 * @param grpoLr            GRPO learning rate (3e-4 collapsed the clean run; 1e-4 is stable)
 * @param grpoTemperature   GRPO sampling temperature (R1's second RL stage uses 0.7; a tiny model needs a low one to
 *                          see enough correct answers in a group)
 * @param beta              KL weight to the cold-start model (0: no reference model, as DAPO and Dr. GRPO)
 * @param maxCompletionLength token limit per completion (sampling and GRPO)
 */
public record DemoSettings(long seed, int coldStartExamples, double slipRate, int sftSteps, int sftBatch, double sftLr,
                           int evalProblems, int evalK, int evalEvery, int grpoSteps, int grpoWarmupSteps, int promptsPerStep,
                           int numGenerations, double grpoLr, double grpoTemperature, double beta, int maxCompletionLength) {

    /**
     * The default demo: clean cold start (600 SFT steps), 900 GRPO steps, 200 held-out problems, k = 8. Measured
     * here: 29.9% -> 48.6% pass@1. 600 steps sit where SFT takes off, so float rounding moves the cold start a lot,
     * and GRPO's gain held each time: 61.4% -> 84.4% with one simd thread (other GEMM blocking), 43.8% -> 63.9% after
     * 650 SFT steps. After 800 steps the cold start was ~88% (no room); after 450 it was 8.6%, too weak for GRPO to
     * find correct answers in its groups (it collapsed to 1.9% by step 500; at lr 5e-5 it stayed at 7.8%).
     */
    public static DemoSettings clean() {
        return new DemoSettings(1, 2000, 0.0, 600, 16, 3e-3, 200, 8, 150, 900, 10, 16, 8, 1e-4, 0.6, 0.0, 40);
    }

    /** {@link #clean} evaluated on 50 problems with k = 4 ({@code --quick}). */
    public static DemoSettings cleanQuick() {
        return clean().withEval(50, 4);
    }

    /** {@code --slips}: half the cold-start answers slipped, 600 SFT steps, 60 GRPO steps. */
    public static DemoSettings slips() {
        return new DemoSettings(1, 2000, 0.5, 600, 16, 3e-3, 200, 8, 20, 60, 6, 16, 8, 1e-4, 0.6, 0.0, 40);
    }

    /** {@link #slips} evaluated on 50 problems with k = 4 ({@code --slips --quick}). */
    public static DemoSettings slipsQuick() {
        return slips().withEval(50, 4);
    }

    private DemoSettings withEval(int problems, int k) {
        return new DemoSettings(seed, coldStartExamples, slipRate, sftSteps, sftBatch, sftLr, problems, k, evalEvery, grpoSteps,
                grpoWarmupSteps, promptsPerStep, numGenerations, grpoLr, grpoTemperature, beta, maxCompletionLength);
    }
}
