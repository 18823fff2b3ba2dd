package org.r1j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout's shared files (rewards/, configs/) for tests, which run with a module folder as the working directory:
 * the nearest folder above it that holds both.
 */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The repository root: the nearest folder at or above the working directory with configs/ and rewards/. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("configs")) && Files.isDirectory(dir.resolve("rewards"))) return dir;
        }
        throw new IllegalStateException("repository root (configs/, rewards/) not found above " + Path.of("").toAbsolutePath());
    }

    /** A shipped reward program, e.g. {@code reward("r1.reward")}. */
    public static Path reward(String name) {
        Path f = root().resolve("rewards").resolve(name);
        if (!Files.isRegularFile(f)) throw new IllegalStateException("no reward file " + f);
        return f;
    }
}
