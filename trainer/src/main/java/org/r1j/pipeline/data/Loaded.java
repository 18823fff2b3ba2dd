package org.r1j.pipeline.data;

import java.util.List;

/**
 * What a loader read: the good records and one issue per skipped line.
 *
 * @param items  records in file order
 * @param issues skipped lines with their line numbers, in file order
 */
public record Loaded<T>(List<T> items, List<LineIssue> issues) {
    public Loaded {
        items = List.copyOf(items);
        issues = List.copyOf(issues);
    }

    /** "loaded 998 of 1000 lines (2 skipped)". */
    public String summary() {
        int total = items.size() + issues.size();
        return "loaded " + items.size() + " of " + total + " lines" + (issues.isEmpty() ? "" : " (" + issues.size() + " skipped)");
    }
}
