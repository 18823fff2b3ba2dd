package org.r1j.kernel.core;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out/System.err once for the kernel's lifetime. While a cell runs, everything printed (from any
 * thread) goes to that cell's {@link CellOutput}; otherwise to the kernel process's original streams, which Jupyter
 * shows in its server log.
 */
public final class OutputRouter {
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private volatile CellOutput target;

    public OutputRouter(PrintStream originalOut, PrintStream originalErr) {
        this.originalOut = originalOut;
        this.originalErr = originalErr;
    }

    /** Installs the routing streams as System.out and System.err. */
    public void install() {
        System.setOut(new PrintStream(new Routed(false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(true), true, StandardCharsets.UTF_8));
    }

    public void route(CellOutput output) {
        System.out.flush();
        System.err.flush();
        target = output;
    }

    /** The process's stderr from before {@link #install()}: for the kernel's own log lines. */
    public PrintStream originalErr() {
        return originalErr;
    }

    /** The running cell's output, or null between cells. */
    public CellOutput current() {
        return target;
    }

    public void unroute() {
        System.out.flush();
        System.err.flush();
        target = null;
    }

    /** Buffers bytes until a line ends or the stream is flushed, so multi-byte characters stay whole. */
    private final class Routed extends OutputStream {
        private final boolean stderr;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Routed(boolean stderr) {
            this.stderr = stderr;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            flush();
        }

        @Override
        public synchronized void flush() {
            if (buffer.size() == 0) {
                return;
            }
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            CellOutput out = target;
            if (out != null) {
                out.write(stderr, text);
            } else {
                (stderr ? originalErr : originalOut).print(text);
            }
        }
    }
}
