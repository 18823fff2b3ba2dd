package org.r1j.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HfTokenizer runs the Rust tokenizers library (DJL natives, bundled in the jar). */
class HfTokenizerTest {
    static Path resource(String name) {
        try {
            return Path.of(HfTokenizerTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void charTokenizerJsonIsReadTheSameByHuggingFaceTokenizers(@TempDir Path dir) {
        CharTokenizer chars = CharTokenizer.ascii();
        chars.save(dir);
        try (HfTokenizer hf = HfTokenizer.load(dir.resolve("tokenizer.json"))) {
            assertEquals(chars.vocabSize(), hf.vocabSize());
            assertEquals(chars.eosId(), hf.eosId());
            assertEquals(chars.padId(), hf.padId());
            for (String s : List.of("Hello, world!", "  two  spaces\nnew line", "<think>3*7=21</think><answer>21</answer><eos>",
                    "caf\u00e9 <thinking>", "")) {
                int[] ids = chars.encode(s);
                assertArrayEquals(ids, hf.encode(s), s);
                assertEquals(chars.decode(ids, true), hf.decode(ids, true), s);
                assertEquals(chars.decode(ids, false), hf.decode(ids, false), s);
            }
        }
    }

    /** A byte-level BPE (Qwen2's layout) trained and encoded by Python `tokenizers`: tests/reference/make_bytebpe_fixture.py. */
    @Test
    void byteLevelBpeEncodesExactlyAsThePythonLibrary() throws Exception {
        var expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resource("bytebpe/expected.json").toFile());
        try (HfTokenizer hf = HfTokenizer.load(resource("bytebpe/tokenizer.json"))) {
            assertEquals(expected.get("vocab_size").asInt(), hf.vocabSize());
            assertEquals(2, hf.eosId());
            assertEquals(0, hf.padId());
            assertEquals(ChatTemplate.QWEN, ChatTemplate.forTokenizer(hf));
            for (var c : expected.get("cases")) {
                String text = c.get("text").asText();
                int[] ids = new int[c.get("ids").size()];
                for (int i = 0; i < ids.length; i++) ids[i] = c.get("ids").get(i).asInt();
                assertArrayEquals(ids, hf.encode(text), text);
                assertEquals(c.get("decoded_skip_special").asText(), hf.decode(ids, true), text);
                assertEquals(text, hf.decode(ids, false), "byte-level decoding restores the text exactly");
            }
        }
    }

    @Test
    void readsSpecialsEosAndPadFromTheJsonFiles() {
        try (HfTokenizer hf = HfTokenizer.load(resource("wordlevel/tokenizer.json"))) {
            assertEquals(10, hf.vocabSize());
            assertEquals(2, hf.eosId());
            assertEquals(0, hf.padId());
            assertEquals(1, hf.specialId("<|im_start|>").getAsInt());
            assertEquals(9, hf.specialId("<think>").getAsInt(), "added tokens are known, special or not");
            assertEquals("<think> hello", hf.decode(new int[] {9, 4, 2}, true), "a non-special added token is kept (no decoder: space-joined)");
            assertArrayEquals(new int[] {1, 6, 4, 5, 3, 2}, hf.encode("<|im_start|>user hello world unknown<|im_end|>"));
            assertEquals("hello world", hf.decode(new int[] {1, 4, 5, 2}, true));
            assertEquals(ChatTemplate.QWEN, ChatTemplate.forTokenizer(hf));
        }
    }

    @Test
    void modelDirectoryLoadPicksTheRightImplementation() {
        Tokenizer t = TokenizerFiles.load(resource("wordlevel"));
        assertTrue(t instanceof HfTokenizer);
        ((HfTokenizer) t).close();
    }

    @Test
    void saveCopiesTheFiles(@TempDir Path dir) throws Exception {
        try (HfTokenizer hf = HfTokenizer.load(resource("wordlevel/tokenizer.json"))) {
            hf.save(dir);
        }
        assertEquals(Files.readString(resource("wordlevel/tokenizer.json")), Files.readString(dir.resolve("tokenizer.json")));
        assertTrue(Files.exists(dir.resolve("tokenizer_config.json")));
    }

    @Test
    void brokenFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, "{\"model\": {\"type\": \"Nonsense\", \"vocab\": {\"a\": 0, \"</s>\": 1}}}");
        String msg = assertThrows(TokenizerException.class, () -> HfTokenizer.load(f)).getMessage();
        assertTrue(msg.startsWith(f + ": the Hugging Face tokenizers library could not load it"), msg);
        Files.writeString(f, "{\"model\": {\"type\": \"WordLevel\", \"vocab\": {\"a\": 0}, \"unk_token\": \"a\"}}");
        msg = assertThrows(TokenizerException.class, () -> HfTokenizer.load(f)).getMessage();
        assertTrue(msg.contains("cannot tell the EOS token"), msg);
    }
}
