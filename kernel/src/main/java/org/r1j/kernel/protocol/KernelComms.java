package org.r1j.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;

/**
 * The kernel's comms (Jupyter's comm protocol): comms the kernel opened (a widget's model) by id, with the
 * listener their {@code comm_msg}s go to; {@code comm_info_request} lists them. The kernel registers no targets for
 * the front end to open, so a front end's {@code comm_open} is answered with {@code comm_close}, as the protocol asks.
 * The kernel's own {@code comm_open}/{@code comm_msg}/{@code comm_close} travel with the cell's output
 * ({@link org.r1j.kernel.core.CellOutput.Comm}); replies to a front end's message are sent here, on the shell thread.
 */
public final class KernelComms {
    private static final Gson GSON = new Gson();
    private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

    private record Open(String target, CommListener listener) {}

    private final Map<String, Open> open = new ConcurrentHashMap<>();

    /** A new comm id for {@code target}, whose front-end messages go to {@code listener}. */
    public String register(String target, CommListener listener) {
        String id = UUID.randomUUID().toString().replace("-", "");
        open.put(id, new Open(target, listener));
        return id;
    }

    /** Forgets a comm the kernel closed. */
    public void forget(String id) {
        open.remove(id);
    }

    public int size() {
        return open.size();
    }

    static JsonObject json(Map<String, Object> data) {
        return data == null ? new JsonObject() : GSON.toJsonTree(data).getAsJsonObject();
    }

    static Map<String, Object> map(JsonObject json) {
        Map<String, Object> m = json == null ? null : GSON.fromJson(json, MAP);
        return m == null ? Map.of() : m;
    }

    void handleMsg(ShellReplyEnvironment env, Message<CommMsgCommand> message) {
        env.setBusyDeferIdle();
        String id = message.getContent().getCommID();
        Open comm = id == null ? null : open.get(id);
        if (comm == null) {
            return; // a comm the kernel has closed: its last messages are dropped, as ipykernel does
        }
        comm.listener().onMessage(map(message.getContent().getData()),
                data -> env.publish(new Message<>(env.getContext(), CommMsgCommand.MESSAGE_TYPE, new CommMsgCommand(id, json(data)))));
    }

    void handleClose(ShellReplyEnvironment env, Message<CommCloseCommand> message) {
        env.setBusyDeferIdle();
        Open comm = open.remove(message.getContent().getCommID());
        if (comm != null) {
            comm.listener().onClose();
        }
    }

    void handleOpen(ShellReplyEnvironment env, Message<CommOpenCommand> message) {
        env.setBusyDeferIdle();
        // No kernel-side targets (ipywidgets' jupyter.widget.control, for one): close it, the front end falls back.
        env.publish(new Message<>(env.getContext(), CommCloseCommand.MESSAGE_TYPE,
                new CommCloseCommand(message.getContent().getCommID(), new JsonObject())));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void handleInfo(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
        env.setBusyDeferIdle();
        String wanted = message.getContent() == null ? null : message.getContent().getTargetName();
        Map<String, Object> comms = new LinkedHashMap<>();
        open.forEach((id, comm) -> {
            if (wanted == null || wanted.isEmpty() || wanted.equals(comm.target())) {
                comms.put(id, Map.of("target_name", comm.target()));
            }
        });
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("comms", comms);
        env.reply(new Message(env.getContext(), MessageType.COMM_INFO_REPLY, content));
    }
}
