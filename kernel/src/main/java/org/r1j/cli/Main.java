package org.r1j.cli;

import org.r1j.dsl.cli.RewardCommand;
import org.r1j.kernel.cli.KernelCommand;
import org.r1j.kernel.cli.NotebookCommand;
import org.r1j.model.cli.GenerateCommand;
import org.r1j.model.cli.InitModelCommand;
import org.r1j.model.cli.LogprobsCommand;
import org.r1j.pipeline.cli.DemoCommand;
import org.r1j.pipeline.cli.EvalCommand;
import org.r1j.pipeline.cli.SweepCommand;
import org.r1j.pipeline.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `r1j` command line. Each module contributes its own picocli commands; this class only gathers them,
 * so adding a command means writing one class in its module and listing it here ({@link OptionalCommands}: those
 * of modules kept off the kernel's classpath).
 */
@Command(name = "r1j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "DeepSeek-R1-style reinforcement learning for the JVM.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run `r1j COMMAND --help` for a command's options.",
                "The ./r1j launcher honours R1J_BACKEND (auto|nd4j|simd|cuda), R1J_HEAP, R1J_JAVA_OPTS, OMP_NUM_THREADS,",
                "OPENBLAS_CORETYPE."},
        subcommands = {
                DemoCommand.class,
                RewardCommand.class,
                InitModelCommand.class,
                GenerateCommand.class,
                LogprobsCommand.class,
                TrainCommand.class,
                SweepCommand.class,
                EvalCommand.class,
                BenchCommand.class,
                KernelCommand.class,
                NotebookCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // `r1j` without a command: show the usage (to stderr, and fail, so scripts notice).
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Builds the command line; tests use this to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        OptionalCommands.add(cli);
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    public static void main(String[] args) {
        String cannot = BackendPreflight.check(args);
        if (cannot != null) {
            System.err.println("r1j " + args[0] + ": " + cannot);
            System.exit(2);
        }
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
