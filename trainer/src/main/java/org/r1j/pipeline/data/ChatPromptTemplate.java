package org.r1j.pipeline.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.r1j.model.tokenize.ChatTemplate;
import org.r1j.model.tokenize.ChatTemplate.Message;

/**
 * Chat formatting: the question as a user turn (after an optional system prompt), rendered with the model's
 * {@link ChatTemplate} and ending where the assistant's reply begins. For chat datasets (a {@code messages} field)
 * the conversation up to its last user turn is rendered instead, so multi-turn context is kept.
 *
 * @param chat   the model's layout (QWEN, LLAMA3, NONE)
 * @param system system prompt, or null for none (R1 recommends none, putting instructions in the user turn)
 */
public record ChatPromptTemplate(ChatTemplate chat, String system) implements PromptTemplate {
    @Override
    public String render(Problem problem) {
        List<Message> turns = new ArrayList<>();
        if (system != null) turns.add(Message.system(system));
        if (problem.fields().get("messages") instanceof List<?> messages && !messages.isEmpty()) {
            int lastUser = -1;
            for (int i = 0; i < messages.size(); i++) if ("user".equals(role(messages.get(i)))) lastUser = i;
            for (int i = 0; i <= lastUser; i++) {
                Map<?, ?> m = (Map<?, ?>) messages.get(i);
                turns.add(new Message(String.valueOf(m.get("role")), String.valueOf(m.get("content"))));
            }
            if (lastUser >= 0) return chat.render(turns, true);
        }
        turns.add(Message.user(problem.question()));
        return chat.render(turns, true);
    }

    private static Object role(Object message) {
        return message instanceof Map<?, ?> m ? m.get("role") : null;
    }
}
