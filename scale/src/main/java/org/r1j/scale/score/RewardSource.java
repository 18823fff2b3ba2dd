package org.r1j.scale.score;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;

/**
 * A reward file as text, so it travels to executors inside the task instead of being read there; each executor JVM
 * compiles it once ({@link #program()}) and its task threads share the program (scoring is thread-safe).
 *
 * @param name      the file name diagnostics show
 * @param text      the file's contents
 * @param importDir where its {@code import}s resolve (the file's folder; on a cluster, a path every executor sees)
 */
public record RewardSource(String name, String text, String importDir) implements Serializable {
    private static final ConcurrentHashMap<RewardSource, RewardProgram> COMPILED = new ConcurrentHashMap<>();

    /** Reads and compiles the file here (the driver), so a broken file fails before any task starts. */
    public static RewardSource read(Path file) {
        CompileResult r = RewardProgram.compile(file);
        if (r.program().isEmpty()) throw new IllegalArgumentException(r.render());
        try {
            Path dir = file.toAbsolutePath().getParent();
            return new RewardSource(file.toString(), Files.readString(file), dir == null ? "." : dir.toString());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The compiled program, once per JVM. */
    public RewardProgram program() {
        return COMPILED.computeIfAbsent(this, s -> {
            CompileResult r = RewardProgram.compile(s.name, s.text, 1, Path.of(s.importDir));
            return r.program().orElseThrow(() -> new IllegalStateException("the reward file does not compile on this executor:\n" + r.render()));
        });
    }
}
