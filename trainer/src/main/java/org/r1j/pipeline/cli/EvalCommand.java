package org.r1j.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j eval`: placeholder until issue #5 lands; it says so rather than pretending. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a model: pass@1 over k samples, cons@k, greedy accuracy.")
public final class EvalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j eval: not built yet (issue #5).");
        return 3;
    }
}
