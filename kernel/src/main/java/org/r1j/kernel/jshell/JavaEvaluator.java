package org.r1j.kernel.jshell;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Java cells on JShell, in-process: cell code runs on the calling thread of this JVM with the kernel's classpath and
 * the live result object comes back for rich display. Not thread-safe: the kernel calls it from one thread at a time.
 */
public final class JavaEvaluator implements AutoCloseable {
    /** What a cell evaluated to: {@code hasValue} is false for statements and declarations. */
    public record Value(boolean hasValue, Object value) {
        static final Value NONE = new Value(false, null);
    }

    /** Where a snippet came from, for error messages about code in earlier cells. */
    private record Origin(int cell, int firstLine) {}

    private final JShell shell;
    private final InProcessExecutionProvider provider;
    private final SourceCodeAnalysis analysis;
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private final List<String> addedClasspath = new ArrayList<>();
    private SnippetMemory memory;

    public JavaEvaluator() {
        provider = new InProcessExecutionProvider(ClassLoader.getSystemClassLoader());
        shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions("-Xlint:none")
                .build();
        analysis = shell.sourceCodeAnalysis();
        // The compiler needs the kernel's classpath too; the loader skips these entries (the system loader has them).
        shell.addToClasspath(System.getProperty("java.class.path", ""));
    }

    /** The class loader cell code runs in (a child of the kernel's): for ServiceLoader look-ups from cells. */
    public ClassLoader cellClassLoader() {
        return provider.control().classLoader();
    }

    /** Adds jars or folders (File.pathSeparator-separated) for compiling and running later cells. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addedClasspath.add(entry);
            }
        }
    }

    /** Entries added with {@link #addToClasspath}, in order. */
    public List<String> addedClasspath() {
        return List.copyOf(addedClasspath);
    }

    /**
     * Evaluates every snippet of {@code code} in order; the value of the last one is the cell's value.
     *
     * @param firstLine the cell line that {@code code} starts on (magics may precede it)
     * @throws CellCompileException  if a snippet does not compile (nothing after it runs)
     * @throws CellRuntimeException  if cell code throws
     */
    public Value eval(String code, int cell, int firstLine) {
        Value last = Value.NONE;
        int pos = 0;
        while (pos < code.length()) {
            String rest = code.substring(pos);
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String source = info.completeness().isComplete() ? info.source() : rest;
            // Diagnostics and frames are relative to `source`; find where it starts in the cell.
            int start = pos + Math.max(rest.indexOf(source), 0);
            int next = info.completeness().isComplete() ? code.length() - info.remaining().length() : code.length();
            last = evalSnippet(code, source, start, cell, firstLine);
            pos = Math.max(next, pos + 1);
        }
        return last;
    }

    private Value evalSnippet(String cellCode, String source, int start, int cell, int firstLine) {
        InProcessExecutionControl control = provider.control();
        control.takeLastThrown();
        List<SnippetEvent> events = shell.eval(source);
        for (SnippetEvent event : events) {
            if (event.status() == Snippet.Status.OVERWRITTEN && event.snippet() instanceof VarSnippet old) {
                memory().releaseOverwritten(old.name()); // the old value is unreachable from cells now
            }
        }
        Value value = Value.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet changed status; the user's own snippet is what we report
            }
            Snippet snippet = event.snippet();
            // JShell numbers frame lines from the first non-blank character of the snippet.
            CellPosition at = CellPosition.of(cellCode, start + leadingWhitespace(source));
            origins.put(snippet.id(), new Origin(cell, firstLine + at.line() - 1));
            if (event.status() == Snippet.Status.REJECTED) {
                shell.drop(snippet);
                throw new CellCompileException(compileErrors(cellCode, snippet, start, firstLine));
            }
            if (event.exception() != null) {
                throw runtimeError(event.exception(), control.takeLastThrown());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println("note: " + describe(snippet) + " is defined but cannot be used until "
                        + String.join(", ", unresolved(snippet)) + " is declared");
            }
            Object live = control.takeLastValue();
            // As in IPython, a trailing semicolon hides the value: `display(table);` shows the table once.
            value = shows(snippet) && !source.strip().endsWith(";") ? new Value(true, live) : Value.NONE;
        }
        return value;
    }

    /** Expressions show their value (as in IPython); declarations, assignments and void calls do not. */
    private static boolean shows(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND -> true;
            case OTHER_EXPRESSION_SUBKIND -> !(snippet instanceof jdk.jshell.ExpressionSnippet e && "void".equals(e.typeName()));
            default -> false;
        };
    }

    private List<String> unresolved(Snippet snippet) {
        if (snippet instanceof jdk.jshell.DeclarationSnippet d) {
            return shell.unresolvedDependencies(d).toList();
        }
        return List.of();
    }

    private static String describe(Snippet snippet) {
        if (snippet instanceof jdk.jshell.DeclarationSnippet d) {
            return d.kind().name().toLowerCase(Locale.ROOT) + " " + d.name();
        }
        return "snippet";
    }

    private List<String> compileErrors(String cellCode, Snippet snippet, int start, int firstLine) {
        List<String> lines = new ArrayList<>();
        for (Diag diag : shell.diagnostics(snippet).toList()) {
            if (!diag.isError()) {
                continue;
            }
            long p = diag.getStartPosition() == Diag.NOPOS ? diag.getPosition() : diag.getStartPosition();
            CellPosition at = CellPosition.of(cellCode, start + (int) Math.max(p, 0));
            int line = firstLine + at.line() - 1;
            String[] message = diag.getMessage(Locale.ROOT).split("\n");
            lines.add("error at cell line " + line + ":" + at.column() + ": " + message[0]);
            for (int i = 1; i < message.length; i++) {
                lines.add("  " + message[i].strip());
            }
            lines.add("    " + CellPosition.lineText(cellCode, at.line()));
            lines.add("    " + " ".repeat(Math.max(at.column() - 1, 0)) + "^");
        }
        if (lines.isEmpty()) {
            lines.add("error at cell line " + (firstLine + CellPosition.of(cellCode, start).line() - 1) + ": the snippet was rejected");
        }
        return lines;
    }

    private CellRuntimeException runtimeError(JShellException reported, Throwable live) {
        if (reported instanceof UnresolvedReferenceException u) {
            String message = describe(u.getSnippet()) + " cannot be called until "
                    + String.join(", ", unresolved(u.getSnippet())) + " is declared";
            return new CellRuntimeException(new IllegalStateException(message), cellFrames(u));
        }
        Throwable thrown = live != null ? live : new RuntimeException(
                (reported instanceof EvalException e ? e.getExceptionClassName() + ": " : "") + reported.getMessage());
        return new CellRuntimeException(thrown, cellFrames(reported));
    }

    /** JShell has already mapped frames of cell code to "#snippetId:line"; we map those to the cell's own lines. */
    private List<String> cellFrames(JShellException reported) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : reported.getStackTrace()) {
            String file = e.getFileName();
            if (file == null || !file.startsWith("#")) {
                continue;
            }
            Origin origin = origins.get(file.substring(1));
            String where = origin == null ? "a previous cell" : "cell [" + origin.cell() + "] line " + (origin.firstLine() + e.getLineNumber() - 1);
            String method = e.getMethodName();
            String frame = method.startsWith("do_it$") || method.isEmpty() ? where : method + " (" + where + ")";
            if (frames.isEmpty() || !frames.get(frames.size() - 1).equals(frame)) {
                frames.add(frame); // JShell's wrapper can repeat a frame
            }
        }
        return frames;
    }

    /** Completion candidates at {@code cursor}; {@code anchor[0]} receives where the replaced text starts. */
    public List<SourceCodeAnalysis.Suggestion> complete(String code, int cursor, int[] anchor) {
        int start = snippetStart(code, cursor);
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code.substring(start), cursor - start, anchor);
        anchor[0] += start;
        return suggestions;
    }

    /** Signatures and javadoc of what is at {@code cursor}. */
    public List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor, boolean javadoc) {
        int start = snippetStart(code, cursor);
        return analysis.documentation(code.substring(start), cursor - start, javadoc);
    }

    /**
     * The class a documentation signature names ({@code Table}, {@code GrpoConfig.Builder},
     * {@code org.r1j.grpo.GrpoTrainer}): as written, else through the cells' imports; null if none loads.
     */
    public Class<?> resolveClass(String name) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String rest = name.substring(first.length());
        candidates.add("java.lang." + name);
        shell.imports().forEach(i -> {
            String full = i.fullname();
            if (i.isStatic()) {
                return;
            }
            if (full.endsWith(".*")) {
                candidates.add(full.substring(0, full.length() - 1) + name);
            } else if (full.endsWith("." + first)) {
                candidates.add(full + rest);
            }
        });
        for (String candidate : candidates) {
            Class<?> c = loadNested(candidate);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** {@code a.b.Outer.Inner}: tries {@code a.b.Outer$Inner} and the other splits between package and classes. */
    private Class<?> loadNested(String dotted) {
        String binary = dotted;
        while (true) {
            try {
                return Class.forName(binary, false, cellClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
            }
        }
    }

    /** The type of the expression ending at {@code cursor}, or null. */
    public String typeAt(String code, int cursor) {
        int start = snippetStart(code, cursor);
        try {
            return analysis.analyzeType(code.substring(start), cursor - start);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The declared variables, name -> type, for inspecting plain names. */
    public Map<String, String> variables() {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        shell.variables().forEach(v -> vars.put(v.name(), v.typeName()));
        return vars;
    }

    /** The string value of a declared variable. */
    public String variableValue(String name) {
        return shell.variables().filter(v -> v.name().equals(name)).findFirst().map(shell::varValue).orElse(null);
    }

    /** Completeness of a whole cell: the first snippet that is not complete decides. */
    public SourceCodeAnalysis.Completeness completeness(String code) {
        String rest = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (info.remaining().isBlank()) {
                        return SourceCodeAnalysis.Completeness.COMPLETE;
                    }
                    rest = info.remaining();
                }
                default -> {
                    return info.completeness();
                }
            }
        }
    }

    /** Offset of the snippet that contains {@code cursor}, so completion sees one snippet as JShell expects. */
    private int snippetStart(String code, int cursor) {
        int pos = 0;
        while (pos < cursor) {
            CompletionInfo info = analysis.analyzeCompletion(code.substring(pos));
            if (!info.completeness().isComplete()) {
                return pos;
            }
            int next = code.length() - info.remaining().length();
            if (next >= cursor || next <= pos) {
                return pos;
            }
            pos = next;
        }
        return Math.min(pos, cursor);
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private SnippetMemory memory() {
        if (memory == null) {
            memory = new SnippetMemory(provider.control().loaderDelegate());
        }
        return memory;
    }

    /**
     * Drops every snippet except imports and nulls what they held ({@code %reset}); classes and methods go too.
     * Returns how many snippets were dropped.
     */
    public int reset() {
        int dropped = 0;
        for (Snippet s : shell.snippets().toList()) {
            if (s.kind() != Snippet.Kind.IMPORT && shell.status(s).isActive()) {
                shell.drop(s);
                dropped++;
            }
        }
        memory().releaseAll();
        origins.clear();
        return dropped;
    }

    /** Stops JShell; cell objects stay reachable only through references the kernel still holds. */
    @Override
    public void close() {
        shell.close();
    }
}
