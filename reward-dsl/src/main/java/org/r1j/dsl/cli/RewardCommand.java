package org.r1j.dsl.cli;

import picocli.CommandLine.Command;

/** `r1j reward`: check reward files and score completions with them. */
@Command(name = "reward", mixinStandardHelpOptions = true,
        description = "Check reward files and score completions with them (see docs/reward-dsl.md).",
        subcommands = {CheckCommand.class, ScoreCommand.class})
public final class RewardCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: check or score");
    }
}
