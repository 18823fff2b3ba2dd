package org.r1j.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.model.tokenize.ChatTemplate;

class JsonlDatasetTest {

    private static Loaded<Problem> read(String text, DatasetFormat format) throws IOException {
        return JsonlDataset.read(new BufferedReader(new StringReader(text)), "data.jsonl", format);
    }

    @Test
    void gsm8kLinesAndMalformedOnesWithTheirLineNumbers() throws IOException {
        String text = String.join("\n",
                "{\"question\": \"Tom has 3 apples and buys 4. How many?\", \"answer\": \"3+4=7\\n#### 7\", \"level\": 1}",
                "{\"question\": \"broken\", \"answer\": ",
                "",
                "[1, 2]",
                "{\"question\": \"no answer field\"}",
                "{\"question\": \"no marker\", \"answer\": \"just 5\"}",
                "{\"question\": \"Big\", \"answer\": \"so #### 1,234\"}",
                "{\"question\": {\"nested\": 1}, \"answer\": \"#### 1\"}");
        Loaded<Problem> loaded = read(text, DatasetFormat.gsm8k());
        assertEquals(2, loaded.items().size());
        Problem first = loaded.items().get(0);
        assertEquals("data.jsonl:1", first.id());
        assertEquals("7", first.reference());
        assertEquals(1, first.fields().get("level"), "other fields are kept for reward files");
        assertEquals("1234", loaded.items().get(1).reference(), "thousands separators dropped");
        List<String> issues = loaded.issues().stream().map(LineIssue::toString).toList();
        assertEquals(5, issues.size(), issues.toString());
        assertTrue(issues.get(0).startsWith("data.jsonl:2: not valid JSON"), issues.get(0));
        assertEquals("data.jsonl:4: expected a JSON object, got array", issues.get(1));
        assertEquals("data.jsonl:5: missing field 'answer'", issues.get(2));
        assertEquals("data.jsonl:6: 'answer' has no '#### answer' line (GSM8K style)", issues.get(3));
        assertEquals("data.jsonl:8: field 'question' must be a string or number, got object", issues.get(4));
        assertEquals("loaded 2 of 7 lines (5 skipped)", loaded.summary());
    }

    @Test
    void customFieldNamesAndIds() throws IOException {
        DatasetFormat f = new DatasetFormat("prompt", "target", "uid", null, DatasetFormat.ReferenceStyle.RAW);
        Loaded<Problem> loaded = read("{\"uid\": \"a1\", \"prompt\": \"2+2\", \"target\": 4}\n", f);
        assertEquals(List.of(new Problem("a1", "2+2", "4", Map.of("uid", "a1", "prompt", "2+2", "target", 4))),
                loaded.items());
    }

    @Test
    void chatMessagesBecomeQuestionReferenceAndAChatPrompt() throws IOException {
        String line = "{\"messages\": [{\"role\": \"system\", \"content\": \"be brief\"},"
                + " {\"role\": \"user\", \"content\": \"1+1?\"}, {\"role\": \"assistant\", \"content\": \"2\"}]}\n"
                + "{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}\n"
                + "{\"messages\": [{\"role\": \"user\"}]}\n";
        Loaded<Problem> loaded = read(line, DatasetFormat.chat());
        assertEquals(1, loaded.items().size());
        Problem p = loaded.items().get(0);
        assertEquals("1+1?", p.question());
        assertEquals("2", p.reference());
        assertEquals("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\n1+1?<|im_end|>\n<|im_start|>assistant\n",
                new ChatPromptTemplate(ChatTemplate.QWEN, null).render(p));
        assertEquals(List.of("data.jsonl:2: no user message in 'messages'",
                        "data.jsonl:3: messages[0] must be an object with string 'role' and 'content'"),
                loaded.issues().stream().map(LineIssue::toString).toList());
    }

    @Test
    void templates() {
        Problem p = new Problem("x", "2+3", "5", Map.of("hint", "add"));
        assertEquals("2+3\n", TextTemplate.COMPACT.render(p));
        assertTrue(TextTemplate.R1_ZERO.render(p).endsWith("User: 2+3. Assistant:"));
        assertEquals("Q: 2+3 (add)", TextTemplate.of("Q: {question} ({hint})").render(p));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TextTemplate.of("Q: {question} {missing}").render(p));
        assertEquals("template custom: problem x has no field 'missing'", e.getMessage());
        assertEquals("<|im_start|>user\n2+3<|im_end|>\n<|im_start|>assistant\n",
                new ChatPromptTemplate(ChatTemplate.QWEN, null).render(p));
    }
}
