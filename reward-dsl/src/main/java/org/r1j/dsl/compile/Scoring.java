package org.r1j.dsl.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;

/** Runs a plan over one group: a frame per sample, every reward, the weighted total. */
public final class Scoring {
    private Scoring() {}

    public static List<Score> group(Plan plan, List<Sample> samples, ToIntFunction<String> tokenCounter) {
        GroupState group = new GroupState();
        List<Frame> frames = new ArrayList<>(samples.size());
        for (Sample s : samples) frames.add(new Frame(plan, s == null ? Sample.of("", "", "") : s, group, tokenCounter));
        group.setMembers(frames);
        List<Score> out = new ArrayList<>(frames.size());
        for (Frame f : frames) out.add(score(plan, f));
        return out;
    }

    private static Score score(Plan plan, Frame f) {
        int n = plan.rewardNames().size();
        Map<String, Double> values = new LinkedHashMap<>(n * 2);
        Map<String, String> explanations = new LinkedHashMap<>(n * 2);
        double total = 0;
        for (int k = 0; k < n; k++) {
            double v = f.rewardValue(k);
            values.put(plan.rewardNames().get(k), v);
            explanations.put(plan.rewardNames().get(k), f.explanation(k));
            if (!Double.isNaN(v)) total += plan.weights()[k] * v;
        }
        return new Score(total, Collections.unmodifiableMap(values), Collections.unmodifiableMap(explanations));
    }
}
