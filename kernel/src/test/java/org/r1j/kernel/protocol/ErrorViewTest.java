package org.r1j.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.r1j.kernel.jshell.CellRuntimeException;

class ErrorViewTest {
    @Test
    void interruptsReadAsInterrupts() {
        ErrorView v = ErrorView.of(new CellRuntimeException(new RuntimeException(new InterruptedException("sleep")), List.of()));
        assertEquals("Interrupted", v.ename());
    }

    @Test
    void cellFramesFollowTheMessage() {
        ErrorView v = ErrorView.of(new CellRuntimeException(new IllegalStateException("bad"), List.of("cell [3] line 2")));
        assertEquals("IllegalStateException", v.ename());
        assertEquals("bad", v.evalue());
        assertTrue(v.traceback().get(0).contains("java.lang.IllegalStateException"));
        assertEquals("    at cell [3] line 2", v.traceback().get(v.traceback().size() - 1));
    }
}
