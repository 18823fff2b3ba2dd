package org.r1j.train;

/**
 * One supervised training pair as {@link SftTrainer} sees it: the prompt (context only) and the completion it learns
 * to write. The pipeline's {@code SftExample} (JSONL, rejection sampling, distillation) is one.
 */
public interface SupervisedExample {
    /** Names the example in error messages. */
    String id();

    String prompt();

    String completion();
}
