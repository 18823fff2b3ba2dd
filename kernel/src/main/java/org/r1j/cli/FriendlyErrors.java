package org.r1j.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one clear line on stderr (exit code 1) instead of a stack trace.
 * Set R1J_DEBUG=1 to see the trace.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cli.getErr().println("r1j " + cli.getCommandName() + ": " + message);
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            cli.getErr().println("  caused by: " + cause.getMessage());
        }
        if (System.getenv("R1J_DEBUG") != null) {
            ex.printStackTrace(cli.getErr());
        }
        return 1;
    }
}
