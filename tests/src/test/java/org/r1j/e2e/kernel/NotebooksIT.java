package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.e2e.R1jCli;

/**
 * Every notebook in notebooks/ runs top to bottom on the r1j kernel through nbclient (R1J_QUICK=1: fewer training
 * steps, same cells) without unexpected errors, and shows tables and interactive charts, with plotly.js loaded once.
 * Every chart carries its static image (image/png, and inside its HTML), and the executed notebook exported by
 * nbconvert with every script removed (GitHub, an untrusted Jupyter) keeps one static image per chart.
 */
class NotebooksIT {
    @TempDir
    static Path work;
    static Path jupyterPath;

    @BeforeAll
    static void installKernel() throws Exception {
        Jupyter.requirePythonModules("nbclient", "nbformat", "nbconvert");
        jupyterPath = Jupyter.installKernel(work.resolve("prefix"), "r1jnb");
    }

    @TestFactory
    Stream<DynamicTest> notebooksRunAndShowTablesAndCharts() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(R1jCli.root().resolve("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in notebooks/");
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
    }

    private static void check(Path notebook) throws Exception {
        Path out = work.resolve("executed-" + notebook.getFileName());
        JsonNode summary = Jupyter.runNotebook(notebook, out, "r1jnb", jupyterPath);
        assertEquals(0, summary.get("errors").size(), summary.toString());
        assertTrue(summary.get("tables").asInt() >= 1, "no Tablesaw table shown: " + summary);
        assertTrue(summary.get("charts").asInt() >= 1, "no chart shown: " + summary);
        assertEquals(1, summary.get("plotly_bundles").asInt(), "plotly.js must be loaded exactly once: " + summary);
        int charts = summary.get("charts").asInt();
        assertEquals(charts, summary.get("charts_with_png").asInt(), "every chart output must carry image/png: " + summary);
        assertEquals(charts, summary.get("charts_with_static_html").asInt(), "every chart's HTML must hold its static image: " + summary);
        chartsShowWithoutScripts(out, charts);
    }

    /**
     * nbconvert's page with every script removed (what GitHub and an untrusted Jupyter keep) still holds one static
     * image per chart. That such a page shows the chart is checked in Chromium by ChartScreenshotIT on a one-chart
     * notebook: a screenshot of whole notebooks took minutes and sometimes hung on a 2-core machine.
     */
    private static void chartsShowWithoutScripts(Path executed, int charts) throws Exception {
        Path dir = work.resolve("pages-" + executed.getFileName());
        Jupyter.Result r = Jupyter.run(List.of(Jupyter.python().toString(), "noscript_pages.py", executed.toString(), dir.toString()), Map.of(), 300);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("STATIC_IMAGES " + charts), "every chart should keep one static image on the page without scripts ("
                + charts + " charts): " + r.output());
        String page = Files.readString(dir.resolve("noscript.html"));
        assertFalse(page.contains("<script"), "scripts left on the page");
    }
}
