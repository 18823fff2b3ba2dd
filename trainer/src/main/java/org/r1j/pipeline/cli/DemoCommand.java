package org.r1j.pipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.train.GracefulStop;
import org.r1j.pipeline.demo.Demo;
import org.r1j.pipeline.demo.DemoSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `r1j demo`: the R1 recipe in miniature — cold-start SFT, pass@1, GRPO with rewards/r1.reward, pass@1 again. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: cold start on correct worked examples, GRPO with rewards/r1.reward (900 steps),",
                "pass@1 before and after. A tiny decoder (character tokenizer) learns 2-digit arithmetic on this CPU",
                "in a few minutes; held-out problems are scored before and after GRPO with the same sampling settings."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--clean", description = {"The default demo, by name: a clean cold start (every cold-start answer correct),",
            "then 900 GRPO steps. Cannot be combined with --slips."})
    boolean clean;

    @Option(names = "--quick", description = "Evaluate on 50 held-out problems with k=4 instead of 200 with k=8 (the end-to-end test uses it).")
    boolean quick;

    @Option(names = "--slips", description = {"The other demo: half the cold-start answers carry a slip (last digit + 1) that",
            "SFT imitates and the accuracy reward sees; 60 GRPO steps remove most of them (~40 s)."})
    boolean slips;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/demo, runs/demo-quick, runs/demo-slips, runs/demo-slips-quick).")
    Path out;

    @Option(names = "--reward", paramLabel = "FILE", description = "Reward file for GRPO (default: rewards/r1.reward).")
    Path reward;

    @Override
    public Integer call() throws IOException {
        if (clean && slips) {
            System.err.println("r1j demo: --clean and --slips are two different demos; pick one");
            return 2;
        }
        Path root = Path.of(System.getProperty("r1j.root", ".")).toAbsolutePath().normalize();
        Path rewardFile = reward != null ? reward : root.resolve("rewards/r1.reward");
        if (!Files.exists(rewardFile)) {
            System.err.println("r1j demo: reward file " + rewardFile + " not found");
            return 2;
        }
        CompileResult compiled = RewardProgram.compile(rewardFile);
        if (!compiled.ok()) {
            System.err.println(compiled.render());
            return 2;
        }
        Path dir = out != null ? out : Path.of("runs", "demo" + (slips ? "-slips" : "") + (quick ? "-quick" : ""));
        clearPreviousRun(dir);
        DemoSettings settings = slips ? (quick ? DemoSettings.slipsQuick() : DemoSettings.slips())
                : quick ? DemoSettings.cleanQuick() : DemoSettings.clean();
        Demo demo = new Demo(settings, compiled.orThrow(),
                root.relativize(rewardFile.toAbsolutePath().normalize()).toString(), dir, System.out);
        try (GracefulStop stop = new GracefulStop("the demo")) {
            demo.run();
        } catch (Demo.DemoInterrupted e) {
            Thread.interrupted();
            System.err.println("r1j demo: " + e.getMessage() + "; records so far are in " + dir);
            return 130;
        }
        return 0;
    }

    /** A demo always starts fresh: remove the stage folders and summary a previous demo left (only those). */
    private static void clearPreviousRun(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("pipeline.csv"));
        for (String stage : new String[] {Demo.SFT, Demo.EVAL_BEFORE, Demo.GRPO, Demo.EVAL_AFTER}) {
            Path p = dir.resolve(stage);
            if (!Files.isDirectory(p)) continue;
            try (var s = Files.walk(p)) {
                for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
            }
        }
    }
}
