package org.r1j.kernel.protocol;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.r1j.kernel.core.CellOutput;
import org.r1j.kernel.core.CellRunner;
import org.r1j.kernel.core.DetachedOutputs;
import org.r1j.kernel.core.OutputRouter;

/**
 * jjava's {@link BaseKernel} with the protocol behaviour r1j needs: cells run on their own thread (so an interrupt
 * never hits the thread that owns the ZeroMQ sockets) while this shell thread streams their output; readable
 * errors; kernel_info with {@code status}; a reply to every history_request; Jupyter comms ({@link KernelComms}),
 * answered even while a cell runs ({@link ShellWhileBusy}).
 */
public abstract class ProtocolKernel extends BaseKernel {
    protected final OutputRouter router;
    protected final CellRunner runner = new CellRunner();
    protected final HistoryLog history;
    protected final DetachedOutputs detached = new DetachedOutputs();
    private final StopOnError stopOnError = new StopOnError();
    /** The comms the kernel opened (widgets); front-end messages to them are answered even while a cell runs. */
    protected final KernelComms comms = new KernelComms();
    private ShellWhileBusy whileBusy;

    protected ProtocolKernel(String name, String version, LanguageInfo language, Renderer renderer, HistoryLog history) {
        super(name, version, language, List.of(), history, new JupyterIO(java.nio.charset.StandardCharsets.UTF_8),
                new CommManager(), renderer, null, null, false,
                new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_RESET_FG).addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RED_FG).build());
        this.history = history;
        this.router = new OutputRouter(System.out, System.err);
    }

    /** Runs one cell on the cell thread and renders its value; null when there is nothing to show. */
    protected abstract DisplayData executeCell(String code, int count) throws Exception;

    /** Where displays of the calling thread go: its background job's cell, the running cell, or the last one. */
    protected CellOutput currentOutput() {
        return router.forThisThread();
    }

    /** jjava's handlers, each wrapped so that a failure is logged and the shell loop survives. */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        PrintStream log = router.originalErr();
        connection.setHandler(MessageType.COMM_OPEN_COMMAND, comms::handleOpen);
        connection.setHandler(MessageType.COMM_MSG_COMMAND, comms::handleMsg);
        connection.setHandler(MessageType.COMM_CLOSE_COMMAND, comms::handleClose);
        connection.setHandler(MessageType.COMM_INFO_REQUEST, comms::handleInfo);
        whileBusy = new ShellWhileBusy(log);
        whileBusy.connect(connection);
        for (MessageType<?> type : List.of(MessageType.EXECUTE_REQUEST, MessageType.INSPECT_REQUEST, MessageType.COMPLETE_REQUEST,
                MessageType.HISTORY_REQUEST, MessageType.IS_COMPLETE_REQUEST, MessageType.KERNEL_INFO_REQUEST,
                MessageType.SHUTDOWN_REQUEST, MessageType.INTERRUPT_REQUEST, MessageType.COMM_OPEN_COMMAND,
                MessageType.COMM_MSG_COMMAND, MessageType.COMM_CLOSE_COMMAND, MessageType.COMM_INFO_REQUEST)) {
            guard(connection, type, log);
        }
    }

    private static <T> void guard(JupyterConnection connection, MessageType<T> type, PrintStream log) {
        ShellHandler<T> handler = connection.getHandler(type);
        if (handler != null) {
            connection.setHandler(type, new GuardedHandler<>(type.getName(), handler, log));
        }
    }

    @Override
    public void onStartup() {
        router.install(); // no static notebook kernel: magics and cells get the kernel as an argument
    }

    @Override
    public void onShutdown(boolean restarting) {
        runner.close();
        detached.close();
        uninstallExtension();
    }

    @Override
    public void interrupt() {
        runner.interrupt();
    }

    @Override
    public Object evalRaw(String source) {
        throw new UnsupportedOperationException("cells are evaluated through executeCell");
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        if (stopOnError.shouldAbort(message.getHeader())) {
            env.setBusyDeferIdle();
            env.reply(abortedReply(env));
            return;
        }
        int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        if (!request.isSilent()) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        CellOutput output = new CellOutput();
        java.util.function.Consumer<List<CellOutput.Event>> publisher = events -> publish(env, events);
        ShellChannel shell = (ShellChannel) env.getShell();
        // While the cell runs this thread also answers comm messages (a Stop button's click) and keeps other requests.
        java.util.function.Consumer<List<CellOutput.Event>> pump = events -> {
            publish(env, events);
            if (whileBusy != null) {
                whileBusy.poll(shell);
            }
        };
        try {
            DisplayData result = runner.run(() -> executeCell(request.getCode(), count), router, output, pump);
            if (result != null && !request.isSilent()) {
                env.publish(new PublishExecuteResult(count, result));
            }
            if (request.shouldStoreHistory()) {
                history.add(count, request.getCode(), result == null ? null : textOf(result));
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (Exception e) {
            ErrorView view = ErrorView.of(e);
            if (request.shouldStoreHistory()) {
                history.add(count, request.getCode(), null);
            }
            env.publish(new PublishError(view.ename(), view.evalue(), view.traceback()));
            ErrorReply reply = new ErrorReply(view.ename(), view.evalue(), view.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
            if (request.shouldStopOnError()) {
                stopOnError.failed();
            }
        } finally {
            // Background jobs and other threads may still write to this cell: published from now on by `detached`.
            detached.adopt(output, publisher);
        }
        if (whileBusy != null) {
            env.resolveDeferrals(); // this cell's reply and idle first, then what arrived while it ran
            whileBusy.drain(shell);
        }
    }

    /** What ipykernel answers to a cell it skipped after an error: status "aborted", nothing run. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<?> abortedReply(ShellReplyEnvironment env) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "aborted");
        return new Message(env.getContext(), ExecuteReply.MESSAGE_TYPE, content);
    }

    private static void publish(ShellReplyEnvironment env, List<CellOutput.Event> events) {
        for (CellOutput.Event event : events) {
            if (event instanceof CellOutput.Stream s) {
                env.publish(new PublishStream(s.stderr() ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, s.text()));
            } else if (event instanceof CellOutput.Display d) {
                env.publish(new PublishDisplayData(d.data()));
            } else if (event instanceof CellOutput.Update u) {
                env.publish(new PublishUpdateDisplayData(u.data()));
            } else if (event instanceof CellOutput.Comm c) {
                env.publish(commMessage(env, c));
            }
        }
    }

    private static Message<?> commMessage(ShellReplyEnvironment env, CellOutput.Comm c) {
        com.google.gson.JsonObject data = KernelComms.json(c.data());
        return switch (c.type()) {
            case "comm_open" -> new Message<>(env.getContext(), CommOpenCommand.MESSAGE_TYPE, new CommOpenCommand(c.commId(), c.target(), data),
                    null, c.metadata());
            case "comm_msg" -> new Message<>(env.getContext(), CommMsgCommand.MESSAGE_TYPE, new CommMsgCommand(c.commId(), data), null, c.metadata());
            case "comm_close" -> new Message<>(env.getContext(), CommCloseCommand.MESSAGE_TYPE, new CommCloseCommand(c.commId(), data), null, c.metadata());
            default -> throw new IllegalArgumentException("not a comm message type: " + c.type());
        };
    }

    private static String textOf(DisplayData data) {
        Object text = data.getData(MIMEType.TEXT_PLAIN);
        return text == null ? null : text.toString();
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new OkKernelInfoReply(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        if (request instanceof HistoryRequest.Tail tail) {
            entries = history.lookupTail(tail.getMaxReturnLength(), flags);
        } else if (request instanceof HistoryRequest.Range range) {
            entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
        } else if (request instanceof HistoryRequest.Search search) {
            if (search.filterUnique()) {
                flags.add(HistoryManager.ResultFlag.UNIQUE);
            }
            entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
        } else {
            entries = List.of(); // an access type we do not know: answer rather than leave the client waiting
        }
        env.reply(historyReply(env, entries, request.includeOutput()));
    }

    /**
     * The protocol wants each entry as a tuple {@code [session, line, input]} (or {@code [session, line, [input, output]]});
     * jjava's HistoryReply serializes entries as objects, which clients reject.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<?> historyReply(ShellReplyEnvironment env, List<HistoryEntry> entries, boolean withOutput) {
        List<List<Object>> tuples = new ArrayList<>();
        for (HistoryEntry e : entries) {
            Object input = withOutput ? List.of(e.getInput(), e.getOutput() == null ? "" : e.getOutput()) : e.getInput();
            tuples.add(List.of(e.getSession(), e.getCellNumber(), input));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("history", tuples);
        return new Message(env.getContext(), HistoryReply.MESSAGE_TYPE, content);
    }
}
