package org.r1j.grpo.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manual tuning entry point (not a test):
 * DemoTuning OUT sftSteps grpoSteps grpoLr evalK sftLr temperature beta prompts generations coldStartCheckpoint|- slipRate.
 */
public final class DemoTuning {
    public static void main(String[] a) {
        DemoSettings d = DemoSettings.full();
        d = new DemoSettings(d.seed(), d.coldStartExamples(), Double.parseDouble(a[11]), Integer.parseInt(a[1]), d.sftBatch(), Double.parseDouble(a[5]),
                d.evalProblems(), Integer.parseInt(a[4]), Integer.parseInt(a[2]), Integer.parseInt(a[8]), Integer.parseInt(a[9]),
                Double.parseDouble(a[3]), Double.parseDouble(a[6]), Double.parseDouble(a[7]), d.maxCompletionLength());
        var program = org.r1j.dsl.RewardProgram.compile(Path.of(System.getProperty("r1j.root", "..")).resolve("rewards/r1.reward")).orThrow();
        Demo demo = new Demo(d, program, "rewards/r1.reward", Path.of(a[0]), System.out);
        if (Files.exists(Path.of(a[10]))) demo.reuseColdStart(Path.of(a[10]));
        demo.run();
    }
}
