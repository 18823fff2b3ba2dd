package org.r1j.pipeline.data;

import java.util.function.Function;

/**
 * Turns a problem into the prompt text the model sees (R1-Zero template, chat formatting, …). A {@link Function}, so
 * the GRPO trainer takes it without knowing the pipeline's types.
 */
@FunctionalInterface
public interface PromptTemplate extends Function<Problem, String> {
    String render(Problem problem);

    @Override
    default String apply(Problem problem) {
        return render(problem);
    }
}
