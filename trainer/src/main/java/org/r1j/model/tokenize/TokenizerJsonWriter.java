package org.r1j.model.tokenize;

import org.r1j.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tokenizer.json and tokenizer_config.json atomically (temp file + rename), pretty-printed. */
final class TokenizerJsonWriter {
    private TokenizerJsonWriter() {
    }

    static void write(Path dir, JsonNode tokenizer, JsonNode config) {
        try {
            var pretty = TokenizerFiles.JSON.writerWithDefaultPrettyPrinter();
            writeAtomically(dir.resolve(TokenizerFiles.TOKENIZER_JSON), pretty.writeValueAsString(tokenizer));
            writeAtomically(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON), pretty.writeValueAsString(config));
        } catch (IOException e) {
            throw new TokenizerException("cannot write the tokenizer to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void copy(Path from, Path dir, String name) {
        try {
            writeAtomically(dir.resolve(name), Files.readString(from));
        } catch (IOException e) {
            throw new TokenizerException("cannot copy " + from + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        try {
            AtomicFiles.writeString(target, text);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
