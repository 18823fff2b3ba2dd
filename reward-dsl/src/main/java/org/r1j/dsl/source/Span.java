package org.r1j.dsl.source;

/**
 * A stretch of one source text: {@code [start, end)} character offsets plus the 1-based line and column of the
 * start (columns count characters, tabs as one), as editors and compilers print them.
 */
public record Span(Source source, int start, int end, int line, int column) implements Comparable<Span> {

    /** Order: source name, then offset; the order diagnostics are shown in. */
    @Override
    public int compareTo(Span o) {
        int c = source.name().compareTo(o.source.name());
        if (c != 0) return c;
        c = Integer.compare(start, o.start);
        return c != 0 ? c : Integer.compare(end, o.end);
    }

    /** The smallest span covering this one and {@code other} (same source). */
    public Span to(Span other) {
        return other.end > end ? new Span(source, start, other.end, line, column) : this;
    }

    /** {@code file:line:col}. */
    public String location() {
        return source.name() + ":" + line + ":" + column;
    }

    /** The text this span covers. */
    public String text() {
        return source.text().substring(Math.min(start, source.text().length()), Math.min(end, source.text().length()));
    }

    @Override
    public String toString() {
        return location();
    }
}
