package org.r1j.model.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j model`: placeholder until issue #4 lands; it says so rather than pretending. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Training and generation tokens/s and memory, side by side with PyTorch.")
public final class ModelBenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j model: not built yet (issue #4).");
        return 3;
    }
}
