package org.r1j.kernel.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Publishes output that cells produce after they have returned: background jobs (prints, live displays) and stray
 * threads writing between cells. One kernel thread, never interrupted (an interrupt during a ZeroMQ write would
 * close the socket), drains each such cell's {@link CellOutput} every {@link #PUMP_MILLIS} ms and sends it with that
 * cell's request as parent, so front ends show it in the cell that started the work.
 */
public final class DetachedOutputs implements AutoCloseable {
    /** 10 Hz: live displays stay smooth and the notebook is not flooded. */
    static final long PUMP_MILLIS = 100;

    private final Map<CellOutput, Consumer<List<CellOutput.Event>>> outputs = new ConcurrentHashMap<>();
    private final Thread pump;
    private volatile CellOutput lastCell;
    private volatile boolean closed;

    public DetachedOutputs() {
        pump = new Thread(this::loop, "r1j-detached-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Takes over publishing {@code output} of a cell that has just returned; replaces the previous last cell. */
    public void adopt(CellOutput output, Consumer<List<CellOutput.Event>> publisher) {
        lastCell = output;
        outputs.put(output, publisher);
    }

    /** Stops publishing {@code output} (a cell is about to run: it will drain its own output itself). */
    public void release(CellOutput output) {
        outputs.remove(output);
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(PUMP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            pumpOnce();
        }
    }

    void pumpOnce() {
        for (var entry : outputs.entrySet()) {
            CellOutput output = entry.getKey();
            List<CellOutput.Event> events = output.drain();
            try {
                if (!events.isEmpty()) {
                    entry.getValue().accept(events);
                }
            } catch (RuntimeException e) {
                outputs.remove(output); // the connection is gone; nothing more can be shown
            }
            if (output != lastCell && !output.inUse()) {
                outputs.remove(output);
                List<CellOutput.Event> rest = output.drain(); // written between the drain and the check
                if (!rest.isEmpty()) {
                    entry.getValue().accept(rest);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pump.interrupt();
    }
}
