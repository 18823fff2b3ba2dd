package org.r1j.model.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {   // temp files are owner-only
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
