package org.r1j.kernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j kernel`: placeholder until issue #6 lands; it says so rather than pretending. */
@Command(name = "kernel", mixinStandardHelpOptions = true, description = "Install or run the r1j Jupyter kernel.")
public final class KernelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j kernel: not built yet (issue #6).");
        return 3;
    }
}
