package org.r1j.dsl.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j rewards`: placeholder until issue #3 lands; it says so rather than pretending. */
@Command(name = "rewards", mixinStandardHelpOptions = true, description = "Verifier throughput and latency per reward on a fixed corpus.")
public final class RewardsBenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j rewards: not built yet (issue #3).");
        return 3;
    }
}
