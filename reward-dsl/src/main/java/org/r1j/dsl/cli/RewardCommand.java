package org.r1j.dsl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j reward`: placeholder until issue #3 lands; it says so rather than pretending. */
@Command(name = "reward", mixinStandardHelpOptions = true, description = "Check reward files and score completions with them.")
public final class RewardCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j reward: not built yet (issue #3).");
        return 3;
    }
}
