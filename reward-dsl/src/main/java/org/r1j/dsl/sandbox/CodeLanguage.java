package org.r1j.dsl.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language programs may be written in: the names a fence or a reward may use for it, how to find its
 * interpreter, and how a run of it is made. Python runs in the sandbox worker's own interpreter and takes both
 * kinds of tests; Java is launched as a single source file ({@code java Main.java}, JEP 330: compiled in memory,
 * then run) and takes stdin/stdout tests only.
 */
public enum CodeLanguage {
    /**
     * Debian's Python first, by absolute path (not whatever {@code python3} a user's PATH puts first, e.g. a
     * pyenv shim that reads the home directory); {@code -I -S}: isolated mode, no site-packages (start-up is
     * ~2× faster and the standard library is what test programs use).
     */
    PYTHON(List.of("python", "py", "python3"), List.of("/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3")),
    /**
     * A JDK's {@code java} (the source launcher needs the compiler, so a {@code javac} beside it) installed under
     * {@code /usr}, which the sandbox leaves visible: the one running the judge first, then Debian's. A JDK in a
     * home directory is not used (showing it would show the home). Only where the sandbox has namespaces (there
     * is no in-process guard for a JVM).
     */
    JAVA(List.of("java"), javaPaths());

    /** Address space a JVM needs to start at all (code cache, metaspace and heap reservations), whatever the limit. */
    static final long JAVA_MIN_ADDRESS_SPACE = 1L << 30;

    private final List<String> names;
    private final List<String> interpreterPaths;
    private volatile Optional<String> interpreter;

    CodeLanguage(List<String> names, List<String> interpreterPaths) {
        this.names = names;
        this.interpreterPaths = interpreterPaths;
    }

    private static List<String> javaPaths() {
        List<String> paths = new ArrayList<>();
        String home = System.getProperty("java.home");
        if (home != null) paths.add(Path.of(home, "bin", "java").toString());
        paths.add("/usr/lib/jvm/default-java/bin/java");
        paths.add("/usr/bin/java");
        return paths;
    }

    /** The language a name stands for ("python", "py", "Python3", "java"), if supported. */
    public static Optional<CodeLanguage> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (CodeLanguage l : values()) {
            if (l.names.contains(n)) return Optional.of(l);
        }
        return Optional.empty();
    }

    /** The names accepted, for error messages: "python, py, python3, java". */
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
            i = interpreterPaths.stream().filter(p -> Files.isExecutable(Path.of(p))).filter(this::usable).findFirst();
            interpreter = i;
        }
        return i;
    }

    private boolean usable(String path) {
        if (this != JAVA) return true;
        try {
            Path real = Path.of(path).toRealPath();
            return real.startsWith("/usr/") && Files.isExecutable(real.resolveSibling("javac"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public String displayName() {
        return names.get(0);
    }

    /** Whether assert snippets (Python) can test programs in this language. */
    public boolean takesAssertTests() {
        return this == PYTHON;
    }

    /**
     * One run of {@code code}: for Python the worker's interpreter runs it; for Java the program is saved as
     * {@code Main.java} in the run's directory and launched with a heap of a quarter of the memory limit (at
     * least 32 MB) inside an address space of at least {@link #JAVA_MIN_ADDRESS_SPACE}, one compiler thread and
     * the serial collector, so that it fits the process limit.
     */
    Job job(String code, String check, String stdin, String interpreter, SandboxLimits limits) {
        if (this == PYTHON) return new Job(code, check, stdin);
        long heapMb = Math.max(32, Math.min(limits.memoryBytes(), 1L << 30) / 4 >> 20);
        List<String> launch = List.of(interpreter, "-Xmx" + heapMb + "m", "-Xss1m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=64m", "-XX:-UsePerfData", "-Xshare:auto",
                "-Dfile.encoding=UTF-8", "Main.java");
        return new Job(code, check, stdin, launch, "Main.java", Math.max(limits.memoryBytes(), JAVA_MIN_ADDRESS_SPACE));
    }

    /**
     * The line of a failed run's stderr that says why: Python's exception (the last line); javac's first error or
     * the uncaught exception, without the thread and {@code java.lang.} ({@code IllegalStateException: boom}).
     */
    String errorLine(String stderr) {
        if (this == JAVA) {
            for (String line : stderr.strip().split("\n")) {
                String l = line.strip();
                if (l.contains(": error: ") || l.startsWith("Error:")) return l;
                if (l.startsWith("Exception in thread")) {
                    return l.replaceFirst("^Exception in thread \"[^\"]*\" ", "").replaceFirst("^java\\.lang\\.", "");
                }
            }
        }
        String[] lines = stderr.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
