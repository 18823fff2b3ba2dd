package org.r1j.kernel.protocol;

import java.util.Map;
import java.util.function.Consumer;

/** The kernel side of one Jupyter comm: what the front end sends to it. Called on the kernel's shell thread. */
public interface CommListener {
    /**
     * A {@code comm_msg} from the front end.
     *
     * @param reply sends a {@code comm_msg} back on this comm at once (in reply to this message)
     */
    void onMessage(Map<String, Object> data, Consumer<Map<String, Object>> reply);

    /** The front end closed the comm. */
    default void onClose() {}
}
