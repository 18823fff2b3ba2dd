package org.r1j.kernel.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a running cell produced and the kernel has not published yet. Any thread may add (cell code, training
 * threads); only the kernel's shell thread drains and talks to ZeroMQ, so an interrupted cell thread never touches
 * a socket (an interrupt during a socket write would close the channel for good).
 */
public final class CellOutput {
    /** One output event, in the order the cell produced it. */
    public sealed interface Event permits Stream, Display, Update, Comm {}

    public record Stream(boolean stderr, String text) implements Event {}

    public record Display(DisplayData data) implements Event {}

    /**
     * Replaces the display with {@code data}'s display id in place. A {@code delta} update carries only what changed
     * since the previous one (a live chart's new points), so it is never dropped for a later update.
     */
    public record Update(DisplayData data, boolean delta) implements Event {}

    /**
     * A Jupyter comm message from the kernel ({@code comm_open}, {@code comm_msg} or {@code comm_close}), sent in order
     * with the cell's displays: a widget's comm is open before the display that shows it.
     *
     * @param target   the comm target ({@code comm_open} only), else null
     * @param metadata message metadata (ipywidgets' protocol version on {@code comm_open}), or null
     */
    public record Comm(String type, String commId, String target, Map<String, Object> data, Map<String, Object> metadata)
            implements Event {}

    private final List<Event> events = new ArrayList<>();
    /** Background jobs still writing here after the cell returned. */
    private final java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger();

    /** A background job will write here; {@link #release} when it ends. */
    public void hold() {
        users.incrementAndGet();
    }

    public void release() {
        users.decrementAndGet();
    }

    /** Whether a background job still writes here. */
    public boolean inUse() {
        return users.get() > 0;
    }

    public synchronized void write(boolean stderr, String text) {
        if (text.isEmpty()) {
            return;
        }
        // Merge with the previous chunk of the same stream: fewer, larger messages.
        if (!events.isEmpty() && events.get(events.size() - 1) instanceof Stream last && last.stderr() == stderr) {
            events.set(events.size() - 1, new Stream(stderr, last.text() + text));
        } else {
            events.add(new Stream(stderr, text));
        }
    }

    public synchronized void display(DisplayData data) {
        events.add(new Display(data));
    }

    public synchronized void update(DisplayData data) {
        events.add(new Update(data, false));
    }

    /** An update that carries a delta: published, in order, even when later updates of the display follow. */
    public synchronized void updateDelta(DisplayData data) {
        events.add(new Update(data, true));
    }

    public synchronized void comm(Comm message) {
        events.add(message);
    }

    /**
     * Takes everything queued so far. Of several (non-delta) updates to one display only the last is kept: a client
     * that falls behind sees the newest state, never a backlog.
     */
    public synchronized List<Event> drain() {
        List<Event> out = new ArrayList<>(events.size());
        Set<String> updatedLater = new HashSet<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            if (e instanceof Update u && !u.delta() && !updatedLater.add(u.data().getDisplayId())) {
                continue;
            }
            out.add(0, e);
        }
        events.clear();
        return out;
    }
}
