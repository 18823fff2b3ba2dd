package org.r1j.kernel.protocol;

import java.io.PrintStream;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * jjava's channel loop has no catch: one exception escaping a handler ends the shell thread, and the kernel then
 * silently ignores every later request. This wrapper keeps the loop alive and logs the failure to the kernel's
 * stderr (Jupyter's server log).
 */
final class GuardedHandler<T> implements ShellHandler<T> {
    private final String type;
    private final ShellHandler<T> handler;
    private final PrintStream log;

    GuardedHandler(String type, ShellHandler<T> handler, PrintStream log) {
        this.type = type;
        this.handler = handler;
        this.log = log;
    }

    @Override
    public void handle(ShellReplyEnvironment env, Message<T> message) {
        try {
            handler.handle(env, message);
        } catch (Throwable t) {
            log.println("r1j kernel: " + type + " handler failed (the kernel keeps serving):");
            t.printStackTrace(log);
            try {
                env.resolveDeferrals(); // send what was deferred, idle status included, so clients do not hang
            } catch (Throwable ignored) {
                // the socket itself is broken; nothing more to do for this request
            }
        }
    }
}
