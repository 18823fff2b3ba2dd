package org.r1j.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import org.r1j.kernel.control.CellTimeoutException;
import org.r1j.kernel.core.MagicException;
import org.r1j.kernel.jshell.CellCompileException;
import org.r1j.kernel.jshell.CellRuntimeException;

/**
 * How a failed cell reads in the notebook: the error and where it happened in the user's cells, not the frames of
 * JShell's wrapper classes and reflection. {@code ename}/{@code evalue}/{@code traceback} as in the error message.
 */
public record ErrorView(String ename, String evalue, List<String> traceback) {
    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";
    /** Library frames shown above the cell frames: enough to see which r1j call failed. */
    static final int MAX_LIBRARY_FRAMES = 6;

    public static ErrorView of(Throwable error) {
        if (error instanceof CellCompileException c) {
            List<String> lines = new ArrayList<>();
            for (String line : c.lines()) {
                lines.add(line.startsWith("error") ? RED + line + RESET : line);
            }
            return new ErrorView("CompileError", c.lines().get(0), lines);
        }
        if (error instanceof MagicException m) {
            List<String> lines = new ArrayList<>(List.of(m.getMessage().split("\n")));
            lines.set(0, RED + lines.get(0) + RESET);
            return new ErrorView("MagicError", m.getMessage().split("\n")[0], lines);
        }
        if (error instanceof CellTimeoutException t) {
            return new ErrorView("Timeout", t.getMessage(), List.of(RED + "Timeout" + RESET + ": " + t.getMessage()));
        }
        if (error instanceof CellRuntimeException r) {
            return ofCellException(r.thrown(), r.cellFrames());
        }
        return ofCellException(error, List.of());
    }

    private static ErrorView ofCellException(Throwable thrown, List<String> cellFrames) {
        if (isInterrupt(thrown)) {
            return new ErrorView("Interrupted", "the cell was interrupted",
                    List.of(RED + "Interrupted" + RESET + ": the cell stopped at its next safe point; the kernel is ready."));
        }
        List<String> lines = new ArrayList<>();
        lines.add(RED + thrown.getClass().getName() + RESET + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
        int shown = 0;
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("REPL.") || shown == MAX_LIBRARY_FRAMES) {
                break; // from here on: cell code (listed below), then JShell and reflection
            }
            if (isPlumbing(frame)) {
                continue;
            }
            lines.add("    at " + frame);
            shown++;
        }
        for (String frame : cellFrames) {
            lines.add("    at " + frame);
        }
        for (Throwable cause = thrown.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            lines.add("caused by " + cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        String evalue = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        return new ErrorView(thrown.getClass().getSimpleName(), evalue, lines);
    }

    private static boolean isPlumbing(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.lang.reflect.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("jdk.jshell.");
    }

    private static boolean isInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof org.r1j.kernel.control.StopRequested || c instanceof java.nio.channels.ClosedByInterruptException
                    || c.getClass().getSimpleName().equals("TrainingInterruptedException")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
