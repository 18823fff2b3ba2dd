package org.r1j.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Display functions for cell code, imported statically in every cell: {@code display(obj)},
 * {@code updateDisplay(id, obj)}, {@code render(obj)}. Cells are ordinary Java compiled by JShell, so they reach the
 * kernel through this one static entry point, which the kernel sets when it starts (one kernel per JVM).
 */
public final class Notebook {
    private static volatile DisplaySink sink;

    private Notebook() {}

    /** Called by the kernel at start-up. */
    public static void install(DisplaySink newSink) {
        sink = newSink;
    }

    /** The kernel's display sink; fails outside the kernel. */
    public static DisplaySink sink() {
        DisplaySink s = sink;
        if (s == null) {
            throw new IllegalStateException("display() works inside the r1j Jupyter kernel only");
        }
        return s;
    }

    /** Shows {@code value} below the cell now (not only at its end); returns an id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return sink().display(value);
    }

    /** Redraws the output {@code id} (from {@link #display}) with {@code value}, in place. */
    public static void updateDisplay(String id, Object value) {
        sink().updateDisplay(id, value);
    }

    /** The display data {@code value} would be shown as (HTML, text). */
    public static DisplayData render(Object value) {
        return sink().render(value);
    }

    /** Whether cell code runs inside the kernel (false in plain Java programs and tests). */
    public static boolean isActive() {
        return sink != null;
    }
}
