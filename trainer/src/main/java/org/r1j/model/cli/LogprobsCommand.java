package org.r1j.model.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j logprobs`: placeholder until issue #4 lands; it says so rather than pretending. */
@Command(name = "logprobs", mixinStandardHelpOptions = true, description = "Per-token log-probabilities of a completion, as JSON.")
public final class LogprobsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j logprobs: not built yet (issue #4).");
        return 3;
    }
}
