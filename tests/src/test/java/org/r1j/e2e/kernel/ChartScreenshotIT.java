package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees: a notebook with a chart, executed on the kernel, exported to HTML with nbconvert and opened
 * in headless Chromium, offline. With scripts, plotly draws the chart (its line, in plotly's default blue, covers
 * many pixels). With every script removed (GitHub, an untrusted Jupyter) the chart's static image still shows it;
 * that page without the image draws nothing (negative control).
 */
class ChartScreenshotIT {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("R1J_CHROMIUM", "/usr/bin/chromium"));
    /** Plotly's first trace colour, #1f77b4. */
    static final int PLOTLY_BLUE = 0x1f77b4;

    @Test
    void exportedNotebookShowsADrawnChart(@TempDir Path work) throws Exception {
        Jupyter.requirePythonModules("nbclient", "nbformat", "nbconvert");
        Jupyter.require(Files.isExecutable(CHROMIUM), "Chromium (" + CHROMIUM + ")");
        Path jupyterPath = Jupyter.installKernel(work.resolve("prefix"), "r1jshot");
        Jupyter.Result page = Jupyter.run(List.of(Jupyter.python().toString(), "chart_page.py", work.toString(), "--kernel", "r1jshot"),
                Map.of("JUPYTER_PATH", jupyterPath.toString()), 600);
        assertEquals(0, page.exitCode(), page.output());

        BufferedImage chart = screenshot(work.resolve("chart.html"), work.resolve("chart.png"));
        BufferedImage noScript = screenshot(work.resolve("noscript.html"), work.resolve("noscript.png"));
        BufferedImage control = screenshot(work.resolve("control.html"), work.resolve("control.png"));
        // The pages show the same code cell (whose syntax colours may include this blue); only the chart differs.
        int drawn = bluePixelsOnlyIn(chart, control);
        assertTrue(drawn > 500, "the interactive chart's line is missing from the screenshot: " + drawn
                + " chart-blue pixels beyond the page without chart (see " + work + ")");
        int still = bluePixelsOnlyIn(noScript, control);
        assertTrue(still > 500, "with scripts removed the static image must show the chart: " + still
                + " chart-blue pixels beyond the page without it (see " + work + ")");
        assertEquals(0, bluePixelsOnlyIn(control, noScript), "the control page must not draw anything the others lack");
    }

    static BufferedImage screenshot(Path html, Path png) throws Exception {
        return screenshot(html, png, 1000, 15000);
    }

    /** @param scriptMillis virtual time for scripts to draw (a page without scripts needs none) */
    static BufferedImage screenshot(Path html, Path png, int height, int scriptMillis) throws Exception {
        Jupyter.Result r = Jupyter.run(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--hide-scrollbars", "--window-size=1200," + height, "--virtual-time-budget=" + scriptMillis,
                "--screenshot=" + png, html.toUri().toString()), Map.of(), 180);
        assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot:\n" + r.output());
        return ImageIO.read(png.toFile());
    }

    /** Pixels of plotly's blue in {@code image} where {@code other} has a different colour: the drawn line and markers. */
    static int bluePixelsOnlyIn(BufferedImage image, BufferedImage other) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean inOther = x < other.getWidth() && y < other.getHeight() && isBlue(other.getRGB(x, y));
                if (isBlue(image.getRGB(x, y)) && !inOther) {
                    count++;
                }
            }
        }
        return count;
    }

    static boolean isBlue(int argb) {
        int rgb = argb & 0xffffff;
        int dr = ((rgb >> 16) & 0xff) - ((PLOTLY_BLUE >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((PLOTLY_BLUE >> 8) & 0xff);
        int db = (rgb & 0xff) - (PLOTLY_BLUE & 0xff);
        return dr * dr + dg * dg + db * db < 40 * 40;
    }
}
