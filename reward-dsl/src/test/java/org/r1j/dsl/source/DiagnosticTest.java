package org.r1j.dsl.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
    @Test
    void rendersLocationSourceLineAndCaretsUnderTheSpan() {
        Source s = new Source("a.reward", "reward x =\n    foo + 1\n");
        Diagnostic d = Diagnostic.error(s.span(15, 18), "unknown name `foo`");
        assertEquals("a.reward:2:5: error: unknown name `foo`\n      foo + 1\n      ^^^", d.render());
    }

    @Test
    void firstLineShiftsReportedLinesForNotebookCells() {
        Source s = new Source("cell 3", "reward x =\n  bad", 2);
        Span span = s.span(13, 16);
        assertEquals(3, span.line());
        assertEquals(3, span.column());
        assertEquals("cell 3:3:3", span.location());
        assertEquals("  bad", s.lineOf(span));
    }

    @Test
    void caretAtEndOfTextAndEmptyText() {
        Source empty = new Source("e", "");
        assertEquals("e:1:1: error: m\n  \n  ^", Diagnostic.error(empty.span(5, 9), "m").render());
        Source crlf = new Source("w", "ab\r\ncd");
        assertEquals("ab", crlf.lineOf(crlf.span(1, 2)));
        assertEquals(2, crlf.span(4, 5).line());
    }

    @Test
    void diagnosticsComeOutSortedAndWithoutDuplicates() {
        Source s = new Source("f", "one\ntwo\nthree");
        Diagnostics ds = new Diagnostics();
        ds.error(s.span(8, 13), "c");
        ds.warning(s.span(0, 3), "a");
        ds.error(s.span(4, 7), "b");
        ds.error(s.span(4, 7), "b");
        List<Diagnostic> sorted = ds.sorted();
        assertEquals(List.of("a", "b", "c"), sorted.stream().map(Diagnostic::message).toList());
        assertEquals("f:1:1: warning: a", sorted.get(0).headline());
    }
}
