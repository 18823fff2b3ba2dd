package org.r1j.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j train`: placeholder until issue #5 lands; it says so rather than pretending. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Run a training config (YAML): GRPO, SFT, rejection sampling, or a pipeline.")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j train: not built yet (issue #5).");
        return 3;
    }
}
