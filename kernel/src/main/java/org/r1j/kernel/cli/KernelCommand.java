package org.r1j.kernel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r1j.kernel.KernelMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code r1j kernel install|run}: the Jupyter kernel. */
@Command(name = "kernel", mixinStandardHelpOptions = true, description = "Install or run the r1j Jupyter kernel.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
public final class KernelCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write a kernelspec that Jupyter finds (per user by default).")
    static final class Install implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--user", description = "install for this user (the default): $JUPYTER_DATA_DIR or ~/.local/share/jupyter")
        boolean user;

        @Option(names = "--prefix", paramLabel = "DIR", description = "install into DIR/share/jupyter/kernels (e.g. a virtualenv)")
        Path prefix;

        @Option(names = "--name", paramLabel = "N", defaultValue = "r1j", description = "kernel name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "name shown in Jupyter (default: r1j (Java N))")
        String displayName;

        @Override
        public Integer call() throws Exception {
            if (user && prefix != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--user and --prefix exclude each other");
            }
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("kernel name '" + name + "' may only contain letters, digits, '.', '_' and '-'");
            }
            Path kernels = prefix != null ? KernelSpec.prefixKernelsDir(prefix) : KernelSpec.userKernelsDir();
            String shown = displayName != null ? displayName : "r1j (Java " + Runtime.version().feature() + ")";
            Path file = KernelSpec.ofThisJvm(shown).writeTo(kernels.resolve(name));
            System.out.println("installed kernel '" + name + "' (" + shown + ") in " + file.getParent());
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the kernel on a Jupyter connection file (Jupyter does this from the kernelspec).")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "the connection file Jupyter wrote")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelMain.serve(connectionFile);
            return 0;
        }
    }
}
