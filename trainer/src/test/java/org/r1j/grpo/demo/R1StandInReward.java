package org.r1j.grpo.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.pipeline.eval.AnswerTags;

/** R1's two rule rewards in Java (accuracy + format, weight 1 each), for tests that must not depend on the DSL. */
final class R1StandInReward implements Rewarder {
    private static final Pattern FORMAT = Pattern.compile("^<think>.*?</think>\\s*<answer>.*?</answer>$", Pattern.DOTALL);

    @Override public List<String> rewardNames() { return List.of("accuracy", "format"); }
    @Override public double weight(String reward) { return 1; }

    @Override
    public List<Score> scoreGroup(List<Sample> group) {
        List<Score> out = new ArrayList<>();
        for (Sample s : group) {
            double acc = AnswerTags.lastAnswer(s.completion()).map(a -> a.equals(s.reference()) ? 1.0 : 0.0).orElse(0.0);
            double fmt = FORMAT.matcher(s.completion().strip()).matches() ? 1 : 0;
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("accuracy", acc);
            v.put("format", fmt);
            out.add(new Score(acc + fmt, v, Map.of()));
        }
        return out;
    }
}
