package org.r1j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Commands from modules the kernel does not depend on, found by class name when their module is on the classpath:
 * {@code r1j spark …} and {@code r1j bench spark} live in the scale module, whose Spark dependency tree (~300 jars,
 * its own Jackson) ./r1j puts on the classpath only for those commands. Elsewhere the command says how to get it.
 */
final class OptionalCommands {
    static final String SPARK = "org.r1j.scale.cli.SparkCommand";
    static final String SPARK_BENCH = "org.r1j.scale.cli.SparkBenchCommand";

    private OptionalCommands() {}

    static void add(CommandLine cli) {
        cli.addSubcommand("spark", instance(SPARK));
        cli.getSubcommands().get("bench").addSubcommand("spark", instance(SPARK_BENCH));
    }

    private static Object instance(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return new Missing();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className + ": " + e, e);
        }
    }

    /** Stands in for a command whose module is not on the classpath. */
    @Command(name = "spark", description = "Spark jobs (scale module): run them through ./r1j, which adds the module for `spark` commands.")
    static final class Missing implements Callable<Integer> {
        @CommandLine.Unmatched
        java.util.List<String> ignored;

        @Override
        public Integer call() {
            System.err.println("r1j: the scale module (Spark) is not on this classpath; ./r1j adds it for `spark` and `bench spark`"
                    + " (or spark-submit scale/target/scale-*-shaded.jar, see docs/scale.md)");
            return 2;
        }
    }
}
