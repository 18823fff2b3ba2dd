package org.r1j.pipeline.data;

/** Turns a problem into the prompt text the model sees (R1-Zero template, chat formatting, …). */
@FunctionalInterface
public interface PromptTemplate {
    String render(Problem problem);
}
