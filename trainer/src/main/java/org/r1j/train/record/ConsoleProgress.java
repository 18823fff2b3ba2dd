package org.r1j.train.record;

import java.io.PrintStream;
import java.time.Duration;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;

/**
 * A progress bar with ETA and the latest reward (or loss, for SFT). On a terminal it redraws one line; otherwise
 * (logs, tests) it prints a line every ~5% of the run.
 */
public final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean redraw;
    private long startNanos;
    private int firstStep;
    private String stage = "";

    public ConsoleProgress(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** Redraws in place only when attached to a terminal. */
    public static ConsoleProgress stdout() {
        return new ConsoleProgress(System.out, System.console() != null);
    }

    @Override
    public void onStart(String stage, int firstStep, int maxSteps) {
        this.stage = stage;
        this.firstStep = firstStep;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void onStep(StepMetrics m) {
        if (m.step() == 0) return;   // an evaluation before training: the evaluator prints its own line
        int every = Math.max(1, m.maxSteps() / 20);
        boolean last = m.step() >= m.maxSteps();
        if (!redraw && !last && m.step() % every != 0 && !m.skipped()) return;
        String line = line(m, System.nanoTime() - startNanos);
        if (redraw) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEnd(int lastStep, boolean interrupted) {
        if (interrupted) {
            out.println((redraw ? "\n" : "") + stage + ": interrupted after step " + lastStep + "; resumable checkpoint written");
        }
    }

    String line(StepMetrics m, long elapsedNanos) {
        double frac = m.maxSteps() == 0 ? 1 : (double) m.step() / m.maxSteps();
        int filled = (int) Math.round(frac * WIDTH);
        int done = m.step() - firstStep + 1;
        long perStep = done > 0 ? elapsedNanos / done : 0;
        long etaNanos = perStep * Math.max(0, m.maxSteps() - m.step());
        String value = !Double.isNaN(m.get("reward")) ? String.format("reward %.3f", m.get("reward"))
                : String.format("loss %.4f", m.get("loss"));
        return String.format("%-4s [%s%s] %d/%d %3.0f%% ETA %s %s%s", stage, "#".repeat(filled), ".".repeat(WIDTH - filled),
                m.step(), m.maxSteps(), frac * 100, format(Duration.ofNanos(etaNanos)), value,
                m.skipped() ? " (skipped: " + m.note() + ")" : "");
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
