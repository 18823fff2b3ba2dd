package org.r1j.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;

class TableHtmlTest {
    @Test
    void bigTablesAreCutWithTheirShape() {
        Table t = Table.create("big", IntColumn.indexColumn("i", 25, 100));
        String html = TableHtml.html(t);
        assertTrue(html.contains("<td>119</td>"));
        assertFalse(html.contains("<td>120</td>"));
        assertEquals("big: 25 rows × 1 columns (first 20 shown)", TableHtml.shape(t));
        assertTrue(TableHtml.text(t).endsWith("big: 25 rows × 1 columns (first 20 shown)"));
    }

    @Test
    void cellTextIsEscaped() {
        Table t = Table.create("t", StringColumn.create("s", "<script>x</script>"));
        assertFalse(TableHtml.html(t).contains("<script>x"));
    }

    @Test
    void figuresDrawIntoIdsWithoutHyphensOnceShownPlotlyExists() {
        Figure f = LinePlot.create("t", Table.create("t", IntColumn.create("x", 1, 2), IntColumn.create("y", 3, 4)), "x", "y");
        String html = FigureHtml.html(f, "r1jplot7", "iVBORw0K");
        assertTrue(html.contains("<div id='r1jplot7'"), html);
        assertTrue(html.contains("<img id=\"r1jplot7static\"") && html.contains("src=\"data:image/png;base64,iVBORw0K\""), html);
        assertTrue(html.contains("document.getElementById('r1jplot7static')"), "the script hides the static image when it draws");
        assertTrue(html.contains("if (typeof window.Plotly === 'undefined') { setTimeout(draw, 50); return; }"));
        assertTrue(html.contains("Plotly.newPlot"));
        assertTrue(FigureHtml.newId().matches("[a-z0-9]+"));
    }

    @Test
    void plotlyLoaderHidesRequireJsDefine() {
        String html = PlotlyBundle.loaderHtml("x=1;</script>");
        assertTrue(html.contains("var hiddenDefine=window.define;window.define=undefined;"));
        assertTrue(html.contains("x=1;<\\/script>"));
        assertTrue(PlotlyBundle.source().startsWith("/**\n* plotly.js v2."), "bundled at build time");
    }
}
