package org.r1j.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.r1j.model.tokenize.ChatTemplate.Message;

/** Expected strings are what the models' own Jinja chat templates render for the same messages. */
class ChatTemplateTest {
    @Test
    void qwenChatMl() {
        assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                ChatTemplate.QWEN.user("You are a helpful assistant.", "What is 2+2?"));
        assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nhello<|im_end|>\n",
                ChatTemplate.QWEN.render(List.of(Message.user("hi"), Message.assistant("hello")), false));
    }

    @Test
    void llama3Headers() {
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                ChatTemplate.LLAMA3.user("Be brief.", "What is 2+2? "));
    }

    @Test
    void noneJoinsContents() {
        assertEquals("a\nb", ChatTemplate.NONE.render(List.of(Message.system("a"), Message.user("b")), true));
        assertEquals(ChatTemplate.NONE, ChatTemplate.forTokenizer(CharTokenizer.ascii()));
    }
}
