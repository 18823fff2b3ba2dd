package org.r1j.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Where cell code's displays go: the running cell's output, through the kernel's renderers. */
public interface DisplaySink {
    DisplayData render(Object value);

    /** Shows {@code value} as a new output; returns its display id for {@link #updateDisplay}. */
    String display(Object value);

    /** Replaces the output with display id {@code id} in place. */
    void updateDisplay(String id, Object value);

    /** Makes sure plotly.js is loaded in the notebook before HTML that draws charts is shown. */
    void loadCharts();
}
