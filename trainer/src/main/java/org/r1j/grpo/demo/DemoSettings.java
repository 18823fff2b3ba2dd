package org.r1j.grpo.demo;

/**
 * Sizes of the demo run. {@link #full()} is tuned for ~6 minutes on a 2-core CPU, {@link #quick()} for ~1–2 minutes
 * (the end-to-end test). Both use the same task, model and protocol; quick only does less of each.
 *
 * @param seed             seeds model init, task problems, SFT order, sampling
 * @param coldStartExamples distinct cold-start SFT examples (R1's "thousands of long-CoT samples", scaled down)
 * @param sftSteps         cold-start SFT steps; kept short on purpose so the SFT model is mediocre and RL has room
 * @param sftBatch         SFT batch size
 * @param sftLr            SFT learning rate (tiny model from scratch)
 * @param evalProblems     held-out TEST problems for pass@1 before and after
 * @param evalK            samples per problem for pass@1 (R1 protocol: temperature 0.6, top-p 0.95)
 * @param grpoSteps        GRPO steps
 * @param promptsPerStep   prompts per GRPO step
 * @param numGenerations   G completions per prompt
 * @param grpoLr           GRPO learning rate
 * @param maxCompletionLength token limit per completion (sampling and GRPO)
 */
public record DemoSettings(long seed, int coldStartExamples, int sftSteps, int sftBatch, double sftLr, int evalProblems,
                           int evalK, int grpoSteps, int promptsPerStep, int numGenerations, double grpoLr,
                           int maxCompletionLength) {

    public static DemoSettings full() {
        return new DemoSettings(1, 2000, 300, 16, 3e-3, 100, 4, 60, 8, 8, 1e-3, 40);
    }

    public static DemoSettings quick() {
        return new DemoSettings(1, 2000, 300, 16, 3e-3, 50, 2, 20, 8, 8, 1e-3, 40);
    }
}
