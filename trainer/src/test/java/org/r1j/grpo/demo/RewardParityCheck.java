package org.r1j.grpo.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.task.ArithmeticTask;

/** Diagnostic (not a test): scores given texts with a reward file, directly and through the task's rewarder. Args: rewardFile. */
public final class RewardParityCheck {
    public static void main(String[] a) {
        Rewarder prog = RewardProgram.compile(Path.of(a[0])).orThrow();
        ArithmeticTask task = new ArithmeticTask(1);
        Rewarder rw = task.rewarder(prog);
        String[][] rows = {
            {"81+28", "109", "<think>1+8=9,8+2=10</think><answer>111</answer>"},
            {"29-16", "13", "<think>8-6=2,2-1=0</think><answer>2</answer>"},
            {"24+20", "44", "<think>4+0=4,2+2=4</think><answer>45</answer>"},
            {"85-43", "42", "<think>5-3=2,8-4=4</think><answer>42</answer>"},
            {"85-43", "42", "<think>5-3=2,8-4=4</think><answer>"},
            {"85-43", "42", "<think>5-3=2,8-4=4</think>"},
        };
        for (String[] r : rows) {
            Problem p = new Problem("", r[0], r[1], Map.of());
            Sample s = new Sample(r[0] + "\n", r[2], r[1], Map.of(), 20);
            Score d = prog.scoreGroup(List.of(s)).get(0);
            Score t = rw.scoreGroup(List.of(s)).get(0);
            System.out.println(r[0] + " | " + r[2] + " | direct " + d.values() + " total " + d.total() + " | task " + t.values() + " total " + t.total());
        }
    }
}
