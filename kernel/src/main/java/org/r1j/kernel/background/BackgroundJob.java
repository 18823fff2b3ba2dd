package org.r1j.kernel.background;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.r1j.kernel.control.StopChecks;
import org.r1j.kernel.core.CellOutput;

/**
 * One background job: a thread running cell code after its cell returned, writing to that cell's output.
 * {@link #stop()} asks it to stop at its next step (the trainer checkpoints and ends) or next stop check.
 */
public final class BackgroundJob {
    public enum State { RUNNING, FINISHED, STOPPED, FAILED }

    private final String name;
    private final int cell;
    private final CellOutput output;
    private final Instant started = Instant.now();
    private volatile Thread thread;
    private volatile State state = State.RUNNING;
    private volatile String progress = "";
    private volatile String error;
    private volatile Instant ended;

    BackgroundJob(String name, int cell, CellOutput output) {
        this.name = name;
        this.cell = cell;
        this.output = output;
    }

    public String name() {
        return name;
    }

    /** The execution count of the cell that started it. */
    public int cell() {
        return cell;
    }

    public State state() {
        return state;
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The latest progress the job reported (a TrainingDisplay reports its step line), or "". */
    public String progress() {
        return progress;
    }

    /** What ended a failed job, or null. */
    public String error() {
        return error;
    }

    CellOutput output() {
        return output;
    }

    void setThread(Thread t) {
        thread = t;
    }

    void reportProgress(String text) {
        progress = text;
    }

    void ended(State how, String why) {
        error = why;
        ended = Instant.now();
        state = how;
    }

    /** Asks the job to stop; returns at once. The trainer ends after its step in flight, with a checkpoint. */
    public void stop() {
        Thread t = thread;
        if (t != null && isRunning()) {
            StopChecks.request(t);
        }
    }

    /** Waits for the job to end; true if it ended within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }

    public Duration elapsed() {
        Instant end = ended;
        return Duration.between(started, end == null ? Instant.now() : end);
    }

    @Override
    public String toString() {
        String p = progress.isEmpty() ? "" : "  " + progress;
        String e = error == null ? "" : "  " + error;
        return String.format(Locale.ROOT, "%-16s %-9s cell [%d]  %.1f s%s%s", name, state.name().toLowerCase(Locale.ROOT), cell,
                elapsed().toMillis() / 1000.0, p, e);
    }
}
