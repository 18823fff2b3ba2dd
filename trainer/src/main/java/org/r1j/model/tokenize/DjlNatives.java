package org.r1j.model.tokenize;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DJL extracts the tokenizers native library to its engine cache ({@code ENGINE_CACHE_DIR}, else
 * {@code DJL_CACHE_DIR}, default {@code ~/.djl.ai}; system property or environment variable).
 * When neither the property nor the environment variable is set and the home directory is not writable (CI
 * sandboxes, read-only homes), point the cache at a folder under {@code java.io.tmpdir} instead of failing.
 */
final class DjlNatives {
    private DjlNatives() {
    }

    static synchronized void prepare() {
        for (String knob : new String[] {"ENGINE_CACHE_DIR", "DJL_CACHE_DIR"}) {   // DJL reads both, engine first
            if (System.getProperty(knob) != null || System.getenv(knob) != null) return;
        }
        Path home = Path.of(System.getProperty("user.home", "/"));
        Path dflt = home.resolve(".djl.ai");
        boolean usable = Files.isDirectory(dflt) ? Files.isWritable(dflt) : Files.isWritable(home);
        if (!usable) {
            System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "r1j-djl-cache").toString());
        }
        // DJL must never try the network for this: the natives for our platforms are in the jar.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }
}
