package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * One step of a pipeline (SFT, GRPO, rejection sampling or distillation, evaluation). A stage reads and updates the
 * {@link RunContext} and writes what it made into its own folder {@code runs/<name>/<NN>-<kind>/}.
 */
public interface Stage {
    /** "sft", "grpo", "rejection", "distill" or "eval": the folder suffix and the YAML key. */
    String kind();

    /** Whether the stage changes the model (its weights are then saved under {@code model/}). */
    boolean trainsModel();

    /**
     * Runs the stage.
     *
     * @return the numbers worth printing and keeping (e.g. "pass@1" → "41.2%"), in display order
     * @throws StageInterrupted when an interrupt stopped it; a resumable checkpoint is in {@code dir}
     */
    Map<String, String> run(RunContext ctx, Path dir) throws StageInterrupted;

    /** A stage stopped by an interrupt (Ctrl-C, {@code Thread.interrupt}). */
    final class StageInterrupted extends Exception {
        public StageInterrupted(String stage) {
            super("interrupted during " + stage + "; run again with --resume to continue", null, false, false);
        }
    }
}
