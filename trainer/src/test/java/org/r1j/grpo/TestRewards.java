package org.r1j.grpo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;

/** Reward programs for trainer tests, written in Java so the trainer tests do not depend on the DSL's progress. */
final class TestRewards {
    private TestRewards() {}

    /** One reward named {@code name} with weight 1 computed per completion. */
    static Rewarder of(String name, ToDoubleFunction<String> f) {
        return new Rewarder() {
            @Override public List<String> rewardNames() { return List.of(name); }
            @Override public double weight(String reward) { return 1; }
            @Override public List<Score> scoreGroup(List<Sample> group) {
                List<Score> out = new ArrayList<>();
                for (Sample s : group) {
                    double v = f.applyAsDouble(s.completion());
                    out.add(new Score(v, Map.of(name, v), Map.of(name, "test")));
                }
                return out;
            }
        };
    }

    /** Share of the completion's characters that are in {@code chars}: a random model scores low, easy to raise. */
    static Rewarder shareOf(String chars) {
        return of("share", c -> c.isEmpty() ? 0 : c.chars().filter(ch -> chars.indexOf(ch) >= 0).count() / (double) c.length());
    }
}
