package org.r1j.kernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `r1j notebook`: placeholder until issue #6 lands; it says so rather than pretending. */
@Command(name = "notebook", mixinStandardHelpOptions = true, description = "Install the kernel and open Jupyter on notebooks/.")
public final class NotebookCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("r1j notebook: not built yet (issue #6).");
        return 3;
    }
}
