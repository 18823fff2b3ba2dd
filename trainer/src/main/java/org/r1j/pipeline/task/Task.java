package org.r1j.pipeline.task;

import java.util.List;
import org.r1j.dsl.Rewarder;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.eval.AnswerChecker;

/**
 * A built-in procedural task: seeded problems with reference answers, a held-out split, cold-start SFT data and
 * the checker that says whether a completion is right. Same seed, same problems, on every JVM.
 */
public interface Task {
    /** Short name used in configs and run folders ("arithmetic", "countdown", "mixed-script"). */
    String name();

    /** The reward file this task is meant to be trained with, relative to the repository root. */
    String rewardFile();

    /**
     * The first {@code count} distinct problems of a split. A shorter request returns a prefix of a longer one.
     *
     * @throws IllegalArgumentException when the task's problem space has fewer than {@code count} problems there
     */
    List<Problem> problems(Split split, int count);

    /** Cold-start SFT examples built from the first {@code count} TRAIN problems, rendered with {@link #template()}. */
    List<SftExample> coldStart(int count);

    /** Says what a completion answered and whether it is right. */
    AnswerChecker checker();

    /** How problems become prompts for this task. */
    PromptTemplate template();

    /**
     * The reward to train with, given the compiled {@link #rewardFile()}: the program itself, unless the task's
     * answers need a check the reward language lacks (Countdown wraps it in {@link CheckedAccuracy}).
     */
    default Rewarder rewarder(Rewarder program) {
        return program;
    }

    /** Characters beyond printable ASCII that the task's text uses, so a character tokenizer can cover them. */
    default String extraCharacters() {
        return "";
    }
}
