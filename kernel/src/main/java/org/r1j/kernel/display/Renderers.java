package org.r1j.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Registers r1j's renderers: Tablesaw tables as HTML tables, Tablesaw figures as interactive Plotly charts. */
public final class Renderers {
    private Renderers() {}

    public static void registerAll(Renderer renderer, PlotlyBundle plotly) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((figure, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> {
                        plotly.ensureLoaded();
                        return FigureHtml.html(figure);
                    });
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "Figure with " + figure.getTraces().length
                            + " trace(s): an interactive chart, shown by HTML front ends");
                });
        renderer.createRegistration(Html.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((html, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, html::html);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, html::text);
                });
    }
}
