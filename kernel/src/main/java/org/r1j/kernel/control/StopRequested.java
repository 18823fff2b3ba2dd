package org.r1j.kernel.control;

/**
 * Thrown by a stop check in cell code. An {@link Error}, as the JDK's ThreadDeath was, so that a cell's
 * {@code catch (Exception e)} does not swallow it; no stack trace (it is expected, and thrown from hot loops).
 */
public final class StopRequested extends Error {
    public StopRequested() {
        super("stopped at a stop check", null, false, false);
    }
}
