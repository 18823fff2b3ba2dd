package org.r1j.dsl.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language programs may be written in: the names a fence or a reward may use for it, and how to find its
 * interpreter. Only Python 3 for now (Java through JShell is the next one).
 */
public enum CodeLanguage {
    /**
     * Debian's Python first, by absolute path (not whatever {@code python3} a user's PATH puts first, e.g. a
     * pyenv shim that reads the home directory); {@code -I -S}: isolated mode, no site-packages (start-up is
     * ~2× faster and the standard library is what test programs use).
     */
    PYTHON(List.of("python", "py", "python3"), List.of("/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"));

    private final List<String> names;
    private final List<String> interpreterPaths;
    private volatile Optional<String> interpreter;

    CodeLanguage(List<String> names, List<String> interpreterPaths) {
        this.names = names;
        this.interpreterPaths = interpreterPaths;
    }

    /** The language a name stands for ("python", "py", "Python3"), if supported. */
    public static Optional<CodeLanguage> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (CodeLanguage l : values()) {
            if (l.names.contains(n)) return Optional.of(l);
        }
        return Optional.empty();
    }

    /** The names accepted, for error messages: "python, py, python3". */
    public static String supported() {
        StringBuilder b = new StringBuilder();
        for (CodeLanguage l : values()) b.append(b.isEmpty() ? "" : ", ").append(String.join(", ", l.names));
        return b.toString();
    }

    /** Names a Markdown fence may carry for this language. */
    public List<String> fenceNames() {
        return names;
    }

    /** The interpreter's absolute path, or empty when none of the known paths holds one. */
    public Optional<String> interpreter() {
        Optional<String> i = interpreter;
        if (i == null) {
            i = interpreterPaths.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
            interpreter = i;
        }
        return i;
    }

    public String displayName() {
        return names.get(0);
    }
}
