package org.r1j.grpo.demo;

import java.nio.file.Path;

/** Manual tuning entry point (not a test): java ... DemoTuning OUT sftSteps grpoSteps grpoLr evalK. */
public final class DemoTuning {
    public static void main(String[] a) {
        DemoSettings d = DemoSettings.full();
        d = new DemoSettings(d.seed(), d.coldStartExamples(), Integer.parseInt(a[1]), d.sftBatch(), Double.parseDouble(a[5]),
                d.evalProblems(), Integer.parseInt(a[4]), Integer.parseInt(a[2]), d.promptsPerStep(), d.numGenerations(),
                Double.parseDouble(a[3]), d.maxCompletionLength());
        new Demo(d, new R1StandInReward(), "r1 stand-in", Path.of(a[0]), System.out).run();
    }
}
