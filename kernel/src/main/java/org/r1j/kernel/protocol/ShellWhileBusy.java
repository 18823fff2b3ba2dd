package org.r1j.kernel.protocol;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

/**
 * jjava's shell loop handles one request at a time, so while a cell runs a front end's {@code comm_msg} (a Stop
 * button's click) would wait until the cell ends — too late to stop the training it runs. While a cell runs, the
 * shell thread (which owns the socket, and pumps the cell's output meanwhile) reads the shell socket itself: comm
 * messages and kernel_info are answered at once; every other request (execute, complete, inspect, ... which need
 * JShell, busy with the cell) is kept, in order, and handled right after the cell, as the loop would have.
 */
final class ShellWhileBusy {
    /** What is answered while a cell runs: nothing here touches JShell. */
    private static final Set<MessageType<?>> AT_ONCE = Set.of(MessageType.COMM_MSG_COMMAND, MessageType.COMM_OPEN_COMMAND,
            MessageType.COMM_CLOSE_COMMAND, MessageType.COMM_INFO_REQUEST, MessageType.KERNEL_INFO_REQUEST);

    private final Deque<Message<?>> later = new ArrayDeque<>();
    private final PrintStream log;
    private JupyterConnection connection;
    private boolean draining;

    ShellWhileBusy(PrintStream log) {
        this.log = log;
    }

    void connect(JupyterConnection c) {
        connection = c;
    }

    /** Reads what has arrived on {@code shell} without blocking; call on the shell thread only, while a cell runs. */
    void poll(ShellChannel shell) {
        if (connection == null) {
            return;
        }
        while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            Message<?> message = shell.readMessage();
            if (message == null) {
                return; // the socket is closed
            }
            if (AT_ONCE.contains(message.getHeader().getType())) {
                dispatch(shell, message);
            } else {
                later.addLast(message);
            }
        }
    }

    /** Handles what was kept while the cell ran, in order (a kept execute request runs its cell here). */
    void drain(ShellChannel shell) {
        if (draining) {
            return; // a kept request's own cell: the outer drain goes on with the rest
        }
        draining = true;
        try {
            Message<?> next;
            while ((next = later.pollFirst()) != null) {
                dispatch(shell, next);
            }
        } finally {
            draining = false;
        }
    }

    /** What jjava's shell loop does with one message. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(ShellChannel shell, Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            log.println("r1j kernel: no handler for " + message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
        try {
            handler.handle(env, message);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }
}
