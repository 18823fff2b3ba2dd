package org.r1j.grpo.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j grpo`: placeholder until issue #5 lands; it says so rather than pretending. */
@Command(name = "grpo", mixinStandardHelpOptions = true, description = "GRPO step time split and tokens/s for a fixed config.")
public final class GrpoBenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j grpo: not built yet (issue #5).");
        return 3;
    }
}
