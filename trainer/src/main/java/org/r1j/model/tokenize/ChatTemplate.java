package org.r1j.model.tokenize;

import java.util.List;

/**
 * Renders a conversation as the prompt text a chat model was trained on. Two layouts, reproducing the
 * Jinja templates shipped with the models: Qwen's ChatML and Llama 3's header/eot format. {@code NONE} joins
 * message contents with newlines (base models, tiny char models).
 */
public enum ChatTemplate {
    /** {@code <|im_start|>role\ncontent<|im_end|>\n} …, generation prompt {@code <|im_start|>assistant\n}. */
    QWEN {
        @Override
        public String render(List<Message> messages, boolean addGenerationPrompt) {
            StringBuilder sb = new StringBuilder();
            for (Message m : messages) {
                sb.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n");
            }
            if (addGenerationPrompt) sb.append("<|im_start|>assistant\n");
            return sb.toString();
        }
    },
    /** {@code <|begin_of_text|>} then {@code <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>} …. */
    LLAMA3 {
        @Override
        public String render(List<Message> messages, boolean addGenerationPrompt) {
            StringBuilder sb = new StringBuilder("<|begin_of_text|>");
            for (Message m : messages) {
                sb.append("<|start_header_id|>").append(m.role()).append("<|end_header_id|>\n\n")
                        .append(m.content().strip()).append("<|eot_id|>");
            }
            if (addGenerationPrompt) sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
            return sb.toString();
        }
    },
    /** Contents joined by newlines; roles are dropped. */
    NONE {
        @Override
        public String render(List<Message> messages, boolean addGenerationPrompt) {
            return String.join("\n", messages.stream().map(Message::content).toList());
        }
    };

    /** One chat turn; role is "system", "user" or "assistant". */
    public record Message(String role, String content) {
        public Message {
            if (role == null || role.isBlank()) throw new IllegalArgumentException("a chat message needs a role");
            if (content == null) throw new IllegalArgumentException("a chat message needs content");
        }

        public static Message system(String content) { return new Message("system", content); }

        public static Message user(String content) { return new Message("user", content); }

        public static Message assistant(String content) { return new Message("assistant", content); }
    }

    /** The conversation as prompt text; with {@code addGenerationPrompt} it ends where the assistant's reply begins. */
    public abstract String render(List<Message> messages, boolean addGenerationPrompt);

    /** A single user turn, optionally after a system prompt (null for none), ready for generation. */
    public String user(String system, String userText) {
        return system == null ? render(List.of(Message.user(userText)), true)
                : render(List.of(Message.system(system), Message.user(userText)), true);
    }

    /** The template for a tokenizer: QWEN when it knows {@code <|im_start|>}, LLAMA3 for {@code <|start_header_id|>}, else NONE. */
    public static ChatTemplate forTokenizer(Tokenizer tok) {
        if (tok.specialId("<|im_start|>").isPresent()) return QWEN;
        if (tok.specialId("<|start_header_id|>").isPresent()) return LLAMA3;
        return NONE;
    }
}
