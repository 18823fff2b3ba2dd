package org.r1j.pipeline.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.testing.ProjectFiles;

class CheckedAccuracyTest {
    static Path rewardFile(String name) {
        return ProjectFiles.reward(name);
    }

    @Test
    void countdownAccuracyComesFromTheExpressionCheckNotMathEqual() {
        RewardProgram r1 = RewardProgram.compile(rewardFile("r1.reward")).orThrow();
        CountdownTask task = new CountdownTask(3);
        Rewarder reward = task.rewarder(r1);
        Map<String, Object> fields = Map.of("numbers", List.of(3L, 7L, 12L), "target", 15L);
        List<Sample> group = List.of(
                new Sample("3 7 12 -> 15\n", "<think>12-7=5,5*3=15</think><answer>(12-7)*3</answer>", "15", fields, -1),
                new Sample("3 7 12 -> 15\n", "<think>easy</think><answer>15</answer>", "15", fields, -1),
                new Sample("3 7 12 -> 15\n", "<think>12+7=19</think><answer>12+7-3</answer>", "15", fields, -1));
        List<Score> plain = r1.scoreGroup(group);
        List<Score> checked = reward.scoreGroup(group);
        assertEquals(List.of(1.0, 0.0, 0.0), checked.stream().map(s -> s.values().get("accuracy")).toList());
        assertEquals("uses [15], must use each of [3, 7, 12] once", checked.get(1).explanations().get("accuracy"));
        assertEquals("equals 16, not 15", checked.get(2).explanations().get("accuracy"));
        for (int i = 0; i < 3; i++) {
            double w = r1.weight("accuracy");
            double plainAcc = plain.get(i).values().get("accuracy");
            assertEquals(plain.get(i).total() - w * (Double.isNaN(plainAcc) ? 0 : plainAcc) + w * checked.get(i).values().get("accuracy"),
                    checked.get(i).total(), 1e-12);
            assertEquals(plain.get(i).values().get("format"), checked.get(i).values().get("format"));
        }
        assertThrows(IllegalArgumentException.class, () -> new CheckedAccuracy(r1, CountdownChecker.INSTANCE, "acc"));
    }
}
