package org.r1j.scale.cli;

import picocli.CommandLine.Command;

/**
 * {@code r1j spark …}: the scoring, evaluation and rejection-sampling jobs on Apache Spark. The CLI's Main finds
 * this class by name only when the scale module is on the classpath (./r1j adds it for {@code spark} commands).
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Reward scoring, evaluation, rejection sampling and distillation data on Apache Spark (local[*] by default).",
        subcommands = {SparkScoreCommand.class, SparkEvalCommand.class, SparkRejectionCommand.class, SparkDistillCommand.class})
public final class SparkCommand {
}
