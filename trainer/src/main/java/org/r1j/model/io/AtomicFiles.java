package org.r1j.model.io;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@link org.r1j.io.AtomicFiles} for checkpoint files: a failed write becomes a {@link CheckpointException}. */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, org.r1j.io.AtomicFiles.Content content) {
        try {
            org.r1j.io.AtomicFiles.write(target, content);
        } catch (UncheckedIOException e) {
            throw new CheckpointException(e.getMessage(), e.getCause());
        }
    }

    static void writeString(Path target, String text) {
        try {
            org.r1j.io.AtomicFiles.writeString(target, text);
        } catch (UncheckedIOException e) {
            throw new CheckpointException(e.getMessage(), e.getCause());
        }
    }
}
