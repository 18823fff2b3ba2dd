package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.AnswerChecker;

/**
 * A reward program whose accuracy reward is decided by a task's Java checker instead: for answers the reward
 * language cannot verify, such as a Countdown expression (math_equal would accept the bare target "15", which uses
 * none of the numbers). The other rewards and the weights are the program's; the accuracy value is 1 or 0 and the
 * total is adjusted by weight × (new − old). Rewards that refer to {@code accuracy} inside the file still see the
 * file's own value.
 */
public final class CheckedAccuracy implements Rewarder {
    private final Rewarder base;
    private final AnswerChecker checker;
    private final String reward;
    private final double weight;

    /** @param reward the name of the reward to replace (must exist in the program, e.g. "accuracy") */
    public CheckedAccuracy(Rewarder base, AnswerChecker checker, String reward) {
        if (!base.rewardNames().contains(reward)) {
            throw new IllegalArgumentException("the reward program has no reward '" + reward + "' to check in Java; it has "
                    + base.rewardNames());
        }
        this.base = base;
        this.checker = checker;
        this.reward = reward;
        this.weight = base.weight(reward);
    }

    @Override
    public List<String> rewardNames() {
        return base.rewardNames();
    }

    @Override
    public double weight(String name) {
        return base.weight(name);
    }

    @Override
    public List<Score> scoreGroup(List<Sample> group) {
        List<Score> scores = base.scoreGroup(group);
        List<Score> out = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) out.add(replace(group.get(i), scores.get(i)));
        return out;
    }

    private Score replace(Sample s, Score score) {
        Problem p = new Problem("", s.prompt(), s.reference(), s.fields());
        String explanation;
        double value;
        try {
            var answer = checker.extract(s.completion());
            value = answer.isPresent() && checker.isCorrect(p, answer.get()) ? 1 : 0;
            explanation = answer.isEmpty() ? "no <answer> block"
                    : checker instanceof CountdownChecker c ? c.verdict(p, answer.get()).orElse("reaches the target")
                    : value == 1 ? "correct" : "wrong";
        } catch (RuntimeException e) { // a verifier failure never stops training: 0 with the reason
            value = 0;
            explanation = "checker failed: " + e.getMessage();
        }
        Double old = score.values().get(reward);
        double total = score.total() - (old == null || old.isNaN() ? 0 : weight * old) + weight * value;
        Map<String, Double> values = new LinkedHashMap<>(score.values());
        values.put(reward, value);
        Map<String, String> explanations = new LinkedHashMap<>(score.explanations());
        explanations.put(reward, explanation);
        return new Score(total, values, explanations);
    }
}
