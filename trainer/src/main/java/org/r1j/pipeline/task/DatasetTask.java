package org.r1j.pipeline.task;

import java.util.List;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.eval.AnswerChecker;

/**
 * A task made from loaded datasets (e.g. GSM8K or MATH JSONL): fixed train and test lists instead of a generator,
 * optional cold-start examples from a {prompt, completion} file.
 *
 * @param name       shown in run records
 * @param train      training problems, in file order
 * @param test       held-out problems, in file order
 * @param coldStartData cold-start SFT examples (may be empty)
 * @param template   how a problem becomes a prompt
 * @param checker    answer checking for evaluation and rejection sampling
 * @param rewardFile the reward file to train with
 */
public record DatasetTask(String name, List<Problem> train, List<Problem> test, List<SftExample> coldStartData,
                          PromptTemplate template, AnswerChecker checker, String rewardFile) implements Task {
    public DatasetTask {
        train = List.copyOf(train);
        test = List.copyOf(test);
        coldStartData = List.copyOf(coldStartData);
    }

    @Override
    public List<Problem> problems(Split split, int count) {
        List<Problem> all = split == Split.TRAIN ? train : test;
        if (count > all.size()) {
            throw new IllegalArgumentException("dataset " + name + " has " + all.size() + " " + split.name().toLowerCase()
                    + " problems, " + count + " requested");
        }
        return all.subList(0, count);
    }

    @Override
    public List<SftExample> coldStart(int count) {
        if (coldStartData.isEmpty()) {
            throw new IllegalArgumentException("dataset task " + name + " has no cold-start data: set task.cold_start to a {prompt, completion} JSONL file");
        }
        return coldStartData.subList(0, Math.min(count, coldStartData.size()));
    }
}
