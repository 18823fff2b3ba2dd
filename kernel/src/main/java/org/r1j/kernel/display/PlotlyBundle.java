package org.r1j.kernel.display;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The plotly.js bundled at build time (kernel/src/build/fetch-plotly.sh), sent to the notebook once per kernel
 * session as its own output, before the first chart. Its own output, not part of the chart's, so that updating a
 * live chart in place never removes the library from the saved notebook.
 */
public final class PlotlyBundle {
    static final String RESOURCE = "/org/r1j/kernel/display/plotly.min.js";

    private final Consumer<DisplayData> publisher;
    private final AtomicBoolean sent = new AtomicBoolean();

    /** @param publisher shows a display output in the running cell */
    public PlotlyBundle(Consumer<DisplayData> publisher) {
        this.publisher = publisher;
    }

    /** Publishes the library if this session has not yet done so. */
    public void ensureLoaded() {
        if (sent.compareAndSet(false, true)) {
            DisplayData data = new DisplayData();
            data.putHTML(loaderHtml(source()));
            data.putText(""); // nothing to show in text-only front ends
            publisher.accept(data);
        }
    }

    /**
     * Classic Notebook loads requirejs, and a UMD bundle seeing {@code define} registers an AMD module instead of
     * setting {@code window.Plotly}: hide {@code define} while the bundle runs. JupyterLab has no {@code define}.
     */
    static String loaderHtml(String plotlyJs) {
        return "<script type=\"text/javascript\">\n"
                + "(function(){var hiddenDefine=window.define;window.define=undefined;try{\n"
                + plotlyJs.replace("</script", "<\\/script")
                + "\n}finally{window.define=hiddenDefine;}})();\n"
                + "</script>";
    }

    static String source() {
        try (InputStream in = PlotlyBundle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js is not bundled in this build (" + RESOURCE
                        + "): build the kernel with Maven, which fetches it with npm");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled plotly.js: " + e.getMessage(), e);
        }
    }
}
