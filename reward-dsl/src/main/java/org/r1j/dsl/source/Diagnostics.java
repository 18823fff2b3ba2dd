package org.r1j.dsl.source;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A collector every stage reports into; the results come out sorted by position and without duplicates. */
public final class Diagnostics {
    /** Stop collecting after this many, so a garbage file does not produce megabytes of output. */
    public static final int MAX = 200;

    private final List<Diagnostic> items = new ArrayList<>();

    public void error(Span span, String message) {
        add(Diagnostic.error(span, message));
    }

    public void warning(Span span, String message) {
        add(Diagnostic.warning(span, message));
    }

    public void add(Diagnostic d) {
        if (items.size() < MAX) items.add(d);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> sorted() {
        return items.stream().distinct().sorted().collect(Collectors.toUnmodifiableList());
    }

    /** All diagnostics rendered with caret lines, separated by newlines. */
    public static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }
}
