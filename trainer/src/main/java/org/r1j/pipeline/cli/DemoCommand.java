package org.r1j.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j demo`: placeholder until issue #5 lands; it says so rather than pretending. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The main job: cold start, GRPO with rewards/r1.reward, pass@1 before and after.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j demo: not built yet (issue #5).");
        return 3;
    }
}
