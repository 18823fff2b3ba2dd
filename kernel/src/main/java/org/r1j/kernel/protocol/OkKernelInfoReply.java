package org.r1j.kernel.protocol;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/** jjava's kernel_info_reply lacks the {@code "status": "ok"} that the protocol (and jupyter_kernel_test) require. */
final class OkKernelInfoReply extends KernelInfoReply {
    @SuppressWarnings("unused") // serialized by gson
    private final String status = "ok";

    OkKernelInfoReply(String protocolVersion, String name, String version, LanguageInfo language, String banner,
            List<HelpLink> helpLinks) {
        super(protocolVersion, name, version, language, banner, helpLinks);
    }
}
