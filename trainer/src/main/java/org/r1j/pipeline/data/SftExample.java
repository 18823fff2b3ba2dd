package org.r1j.pipeline.data;

/**
 * One supervised fine-tuning example: the rendered prompt and the completion the model should learn to write
 * after it (loss is taken on the completion only).
 *
 * @param id         where it came from (task problem id, dataset line, rejection-sampling source)
 * @param prompt     the prompt text exactly as the model sees it (template already applied)
 * @param completion the target text, e.g. {@code <think>…</think><answer>…</answer>}
 */
public record SftExample(String id, String prompt, String completion)
        implements org.r1j.train.SupervisedExample, java.io.Serializable {
    public SftExample {
        if (prompt == null || completion == null) throw new IllegalArgumentException("prompt and completion are required");
        id = id == null ? "" : id;
    }
}
