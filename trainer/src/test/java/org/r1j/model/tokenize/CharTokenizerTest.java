package org.r1j.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTokenizerTest {
    final CharTokenizer tok = CharTokenizer.ascii();

    @Test
    void idsAreSpecialsThenAlphabet() {
        assertEquals(7 + 1 + 95, tok.vocabSize());
        assertEquals(0, tok.padId());
        assertEquals(1, tok.eosId());
        assertEquals(3, tok.specialId("<think>").getAsInt());
        assertTrue(tok.specialId("<|im_start|>").isEmpty());
        assertEquals("\n", tok.token(7));
        assertEquals(" ", tok.token(8));
        assertArrayEquals(new int[] {8 + ('a' - ' ')}, tok.encode("a"));
    }

    @Test
    void specialsAreMatchedWholeAndDecodedOrSkipped() {
        String text = "<think>2+2</think>\n<answer>4</answer><eos>";
        int[] ids = tok.encode(text);
        assertEquals(1 + 3 + 1 + 1 + 1 + 1 + 1 + 1, ids.length);
        assertEquals(tok.specialId("<think>").getAsInt(), ids[0]);
        assertEquals(tok.eosId(), ids[ids.length - 1]);
        assertEquals(text, tok.decode(ids, false));
        assertEquals("<think>2+2</think>\n<answer>4</answer>", tok.decode(ids, true), "markers stay, control tokens go");
        assertEquals("ab", tok.decode(new int[] {0, tok.encode("a")[0], tok.specialId("<unk>").getAsInt(), tok.encode("b")[0], 1}, true));
        // a partial marker is plain characters
        assertEquals(6, tok.encode("<think").length);
    }

    @Test
    void unknownCharactersBecomeUnk() {
        int[] ids = tok.encode("é!");
        assertEquals(tok.specialId("<unk>").getAsInt(), ids[0]);
        assertEquals(2, ids.length);
        CharTokenizer strict = new CharTokenizer(List.of("<eos>"), List.of("a", "b"));
        String msg = assertThrows(TokenizerException.class, () -> strict.encode("abc")).getMessage();
        assertTrue(msg.contains("'c' at offset 2"), msg);
        assertEquals(0, strict.padId(), "pad falls back to EOS");
    }

    @Test
    void rejectsBadAlphabetsAndIds() {
        assertThrows(TokenizerException.class, () -> new CharTokenizer(List.of("<eos>"), List.of("ab")));
        assertThrows(TokenizerException.class, () -> new CharTokenizer(List.of("<eos>"), List.of("a", "a")));
        assertThrows(TokenizerException.class, () -> new CharTokenizer(List.of("<pad>"), List.of("a")));
        assertThrows(TokenizerException.class, () -> tok.decode(new int[] {tok.vocabSize()}, true));
    }

    @Test
    void savesAndLoadsBackAsCharTokenizer(@TempDir Path dir) throws Exception {
        CharTokenizer custom = new CharTokenizer(List.of("<pad>", "<eos>", "<unk>", "<sep>"), List.of("0", "1", "+", "=", "😀"));
        custom.save(dir);
        assertTrue(Files.readString(dir.resolve("tokenizer.json")).contains("\"type\" : \"BPE\""));
        Tokenizer back = TokenizerFiles.load(dir);
        assertTrue(back instanceof CharTokenizer);
        assertEquals(custom.vocabSize(), back.vocabSize());
        assertEquals(custom.eosId(), back.eosId());
        assertEquals(custom.padId(), back.padId());
        String s = "1+1=0<sep>😀<eos>";
        assertArrayEquals(custom.encode(s), back.encode(s));
        assertEquals(s, back.decode(back.encode(s), false));
        assertEquals("1+1=0<sep>😀", back.decode(back.encode(s), true), "the marker/control split survives saving");
        assertTrue(Files.readString(dir.resolve("tokenizer.json")).contains("\"content\" : \"<sep>\",\n    \"single_word\" : false,\n    \"lstrip\" : false,\n    \"rstrip\" : false,\n    \"normalized\" : false,\n    \"special\" : false"));
    }

    @Test
    void missingTokenizerIsAClearError(@TempDir Path dir) {
        String msg = assertThrows(TokenizerException.class, () -> TokenizerFiles.load(dir)).getMessage();
        assertTrue(msg.contains("tokenizer.json: file not found"), msg);
    }
}
