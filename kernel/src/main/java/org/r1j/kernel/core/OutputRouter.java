package org.r1j.kernel.core;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out/System.err once for the kernel's lifetime and decides, per write, which cell's
 * {@link CellOutput} gets it: a background job's thread writes to the cell that started the job (as ipykernel routes
 * thread output to its parent cell); any other thread to the running cell, or, between cells, to the last cell
 * (whose output {@link DetachedOutputs} keeps publishing). Before the first cell: the process's own streams, which
 * Jupyter shows in its server log.
 */
public final class OutputRouter {
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final ThreadLocal<CellOutput> ownOutput = new ThreadLocal<>();
    private volatile CellOutput target;
    private volatile CellOutput lastCell;

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
        lastCell = output;
    }

    /** The process's stderr from before {@link #install()}: for the kernel's own log lines. */
    public PrintStream originalErr() {
        return originalErr;
    }

    /** The running cell's output, or null between cells. */
    public CellOutput current() {
        return target;
    }

    /** Where output of the calling thread goes now (see the class comment); null before the first cell. */
    public CellOutput forThisThread() {
        CellOutput own = ownOutput.get();
        if (own != null) {
            return own;
        }
        CellOutput running = target;
        return running != null ? running : lastCell;
    }

    /** Sends everything the calling thread writes or displays to {@code output} (a background job's thread). */
    public void routeThisThread(CellOutput output) {
        ownOutput.set(output);
    }

    public void unrouteThisThread() {
        System.out.flush();
        System.err.flush();
        ownOutput.remove();
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
            CellOutput out = forThisThread();
            if (out != null) {
                out.write(stderr, text);
            } else {
                (stderr ? originalErr : originalOut).print(text);
            }
        }
    }
}
