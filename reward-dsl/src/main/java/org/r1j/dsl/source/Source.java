package org.r1j.dsl.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One reward source text and its name (a file path, or e.g. {@code notebook cell 3}). {@code firstLine} shifts
 * every reported line: a notebook cell whose reward text starts on the cell's second line passes 2, so
 * diagnostics point at the line the user sees.
 */
public final class Source {
    private final String name;
    private final String text;
    private final int firstLine;
    private final int[] lineStarts;

    public Source(String name, String text, int firstLine) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = text == null ? "" : text;
        this.firstLine = Math.max(1, firstLine);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < this.text.length(); i++) {
            if (this.text.charAt(i) == '\n') starts.add(i + 1);
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public Source(String name, String text) {
        this(name, text, 1);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int firstLine() {
        return firstLine;
    }

    /** Span of {@code [start, end)}; offsets are clamped to the text. */
    public Span span(int start, int end) {
        int s = Math.max(0, Math.min(start, text.length()));
        int e = Math.max(s, Math.min(end, text.length()));
        int idx = lineIndex(s);
        return new Span(this, s, e, idx + firstLine, s - lineStarts[idx] + 1);
    }

    /** Span at a 1-based line (of the text itself, before the first-line shift) and 0-based column, as ANTLR reports. */
    public Span spanAt(int textLine, int charPositionInLine, int length) {
        int idx = Math.max(0, Math.min(textLine - 1, lineStarts.length - 1));
        int start = lineStarts[idx] + Math.max(0, charPositionInLine);
        return span(start, start + Math.max(0, length));
    }

    /** The whole line that contains {@code span}'s start, without its line break. */
    public String lineOf(Span span) {
        int idx = lineIndex(span.start());
        int from = lineStarts[idx];
        int to = idx + 1 < lineStarts.length ? lineStarts[idx + 1] - 1 : text.length();
        if (to > from && text.charAt(to - 1) == '\r') to--;
        return text.substring(from, Math.max(from, to));
    }

    private int lineIndex(int offset) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    @Override
    public String toString() {
        return name;
    }
}
