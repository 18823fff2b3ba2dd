package org.r1j.model.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j init-model`: placeholder until issue #4 lands; it says so rather than pretending. */
@Command(name = "init-model", mixinStandardHelpOptions = true, description = "Write a randomly initialised model in Hugging Face format.")
public final class InitModelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j init-model: not built yet (issue #4).");
        return 3;
    }
}
