package org.r1j.dsl.source;

/**
 * One problem found in reward source, as data: where, how bad, what. {@link #render()} gives the compiler-style
 * text: {@code file:line:col: error: message}, the source line, and a caret under the position.
 */
public record Diagnostic(Severity severity, Span span, String message) implements Comparable<Diagnostic> {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message);
    }

    public static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, span, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}. */
    public String headline() {
        return span.location() + ": " + severity.name().toLowerCase() + ": " + message;
    }

    /** Headline, source line, caret line (carets under the span, at most to the end of the line). */
    public String render() {
        String line = span.source().lineOf(span);
        int col = span.column() - 1;
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < col && i < line.length(); i++) caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        int width = Math.max(1, Math.min(span.end() - span.start(), line.length() - col));
        caret.append("^".repeat(width));
        return headline() + "\n  " + line + "\n  " + caret;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = span.compareTo(o.span);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return headline();
    }
}
