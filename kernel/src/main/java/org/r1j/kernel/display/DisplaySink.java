package org.r1j.kernel.display;

import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.r1j.kernel.protocol.CommListener;

/** Where cell code's displays go: the running cell's output, through the kernel's renderers. */
public interface DisplaySink {
    DisplayData render(Object value);

    /** Shows {@code value} as a new output; returns its display id for {@link #updateDisplay}. */
    String display(Object value);

    /** Replaces the output with display id {@code id} in place (of quick successive updates the last may be all that is sent). */
    void updateDisplay(String id, Object value);

    /**
     * Replaces the output {@code id} with {@code value} that carries a delta (new chart points for a script in it to
     * add): every such update is sent, in order.
     */
    default void updateDisplayDelta(String id, Object value) {
        updateDisplay(id, value);
    }

    /** Makes sure plotly.js is loaded in the notebook before HTML that draws charts is shown. */
    void loadCharts();

    /**
     * Opens a Jupyter comm to {@code target} in the front end (for ipywidgets: {@code jupyter.widget}), sent with this
     * cell's output; the front end's messages on it go to {@code listener}. Returns the comm id, or null where there
     * is no front end to talk to.
     */
    String openComm(String target, Map<String, Object> data, Map<String, Object> metadata, CommListener listener);

    /** Sends {@code data} on an open comm, in order with this cell's output. */
    void sendComm(String commId, Map<String, Object> data);

    /** Closes a comm the kernel opened. */
    void closeComm(String commId);
}
