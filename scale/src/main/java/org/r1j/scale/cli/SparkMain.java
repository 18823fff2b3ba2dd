package org.r1j.scale.cli;

import picocli.CommandLine;

/**
 * The shaded jar's entry point for {@code spark-submit --class org.r1j.scale.cli.SparkMain r1j-scale-shaded.jar
 * score|eval|rejection|distill …}: the {@code r1j spark} commands without the rest of the CLI.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SparkCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cli.execute(args));
    }
}
