package org.r1j.kernel.display;

import java.io.StringWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/** A Tablesaw {@link Table} as HTML and text, cut to its first rows for big tables, always with its shape. */
public final class TableHtml {
    /** Rows shown before a table is cut: enough to read, small enough for a notebook to stay fast. */
    public static final int MAX_ROWS = 20;

    private TableHtml() {}

    public static String html(Table table) {
        Table shown = table.rowCount() > MAX_ROWS ? table.first(MAX_ROWS) : table;
        StringWriter out = new StringWriter();
        try {
            new HtmlWriter().write(shown, HtmlWriteOptions.builder(out).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot render table " + table.name() + " as HTML: " + e.getMessage(), e);
        }
        return "<div class=\"r1j-table\">" + out + "<p style=\"font-size:smaller;color:#666\">" + escape(shape(table)) + "</p></div>";
    }

    public static String text(Table table) {
        return table.print(MAX_ROWS) + "\n" + shape(table);
    }

    /** "metrics: 1,234 rows × 5 columns (first 20 shown)". */
    public static String shape(Table table) {
        String name = table.name() == null || table.name().isBlank() ? "" : table.name() + ": ";
        String cut = table.rowCount() > MAX_ROWS ? " (first " + MAX_ROWS + " shown)" : "";
        return String.format("%s%,d rows × %,d columns%s", name, table.rowCount(), table.columnCount(), cut);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
