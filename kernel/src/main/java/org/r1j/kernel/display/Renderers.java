package org.r1j.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Registers r1j's renderers: Tablesaw tables as HTML tables, Tablesaw figures as interactive Plotly charts
 * with a static PNG beside them (in the HTML, for pages without scripts, and as image/png). */
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
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG) // jjava renders only preferred types and text
                .supporting(MIMEType.TEXT_PLAIN)
                .register((figure, ctx) -> {
                    String png = FigureImage.pngBase64(figure); // one image for both the HTML fallback and image/png
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> {
                        plotly.ensureLoaded();
                        return FigureHtml.withImage(figure, png);
                    });
                    if (png != null) {
                        ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
                    }
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "Figure with " + figure.getTraces().length
                            + " trace(s): an interactive chart, shown by HTML front ends");
                });
        renderer.createRegistration(Html.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG) // jjava renders only preferred types and text
                .supporting(MIMEType.TEXT_PLAIN)
                .register((html, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, html::html);
                    if (html.pngBase64() != null) {
                        ctx.renderIfRequested(MIMEType.IMAGE_PNG, html::pngBase64);
                    }
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, html::text);
                });
    }
}
