package org.r1j.model.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j generate`: placeholder until issue #4 lands; it says so rather than pretending. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Sample completions from a model.")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j generate: not built yet (issue #4).");
        return 3;
    }
}
