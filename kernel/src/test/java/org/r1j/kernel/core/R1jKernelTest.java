package org.r1j.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.r1j.kernel.KernelMain;

/** The eval chain through the real kernel class, without a Jupyter connection. */
class R1jKernelTest {
    static R1jKernel kernel;
    static PrintStream out;
    static PrintStream err;

    @BeforeAll
    static void start() {
        out = System.out;
        err = System.err;
        kernel = KernelMain.newKernel();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
        System.setOut(out);
        System.setErr(err);
    }

    private static Object text(DisplayData d) {
        return d.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void defaultImportsGiveTablesawAndR1j() throws Exception {
        DisplayData d = kernel.executeCell("Table t = Table.create(\"t\", IntColumn.create(\"a\", 1, 2, 3));\nt.rowCount()", 1);
        assertEquals("3", text(d));
        assertEquals("org.r1j.dsl.Sample", text(kernel.executeCell("Sample.class.getName()", 2)).toString().replace("\"", ""));
    }

    @Test
    void magicsAndJavaRunInOrder() throws Exception {
        DisplayData d = kernel.executeCell("int base = 40;\n%time int more = base + 1;\nmore + 1", 3);
        assertEquals("42", text(d));
        assertNull(kernel.executeCell("int hidden = 1;\nhidden;", 4), "a trailing semicolon hides the value");
    }

    @Test
    void rewardMagicBindsTheCompiledProgram() throws Exception {
        kernel.executeCell("%%reward fmt\nreward format weight 1 = completion ~ r\"<answer>.*</answer>\"", 5);
        DisplayData d = kernel.executeCell("fmt.score(Sample.of(\"q\", \"<answer>4</answer>\", \"4\")).total()", 6);
        assertEquals("1.0", text(d));
    }

    @Test
    void rewardDiagnosticsPointAtTheCellLine() {
        MagicException e = assertThrows(MagicException.class,
                () -> kernel.executeCell("%%reward\nreward a = 1\nreward b = nope + 1", 7));
        assertTrue(e.getMessage().contains("cell[7]:3:12"), e.getMessage());
    }

    @Test
    void chartsCarryAStaticImageInTheirHtmlAndAsImagePng() throws Exception {
        DisplayData d = kernel.executeCell("LinePlot.create(\"squares\", Table.create(\"t\", IntColumn.indexColumn(\"x\", 5, 0), "
                + "DoubleColumn.create(\"y\", 0, 1, 4, 9, 16)), \"x\", \"y\")", 8);
        String png = (String) d.getData(MIMEType.IMAGE_PNG);
        assertTrue(png != null && png.length() > 1000, "no image/png beside the interactive chart");
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("src=\"data:image/png;base64," + png + "\""), "the HTML must show the same image without scripts");
        assertTrue(html.contains("Plotly.newPlot"));
    }

    @Test
    void backgroundWorkAndStopChecksRunInTheKernel() throws Exception {
        kernel.executeCell("var box = new java.util.concurrent.atomic.AtomicLong();", 9);
        kernel.executeCell("%%background spin\nwhile (true) { box.incrementAndGet(); }", 10);
        var job = kernel.jobs().get("spin");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((long) kernel.java().eval("box.get()", 11, 1).value() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(job.isRunning());
        job.stop(); // the loop has no interrupt check: only the compiled-in stop check ends it
        assertTrue(job.await(java.time.Duration.ofSeconds(10)), "the background loop did not stop");
        assertEquals(org.r1j.kernel.background.BackgroundJob.State.STOPPED, job.state());
    }

    @Test
    void completionAndCompleteness() {
        assertTrue(kernel.complete("%ls", 3).getReplacements().contains("%lsmagic"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int x = 1;"));
        assertEquals("    ", kernel.isComplete("if (true) {"));
        assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("}"));
        assertTrue(kernel.magics().lineMagics().keySet().containsAll(List.of("time", "classpath", "jars", "maven", "lsmagic",
                "jobs", "stop", "timeout", "memory", "reset")));
    }

    @Test
    void inspectShowsJavadocOfR1jClassesAndShippedLibrariesAsTextAndHtml() throws Exception {
        DisplayData cls = kernel.inspect("GrpoConfig", "GrpoConfig".length(), false);
        String text = text(cls).toString();
        assertTrue(text.contains("GRPO hyper-parameters, with TRL's GRPOConfig names"), text);
        assertTrue(text.contains("numGenerations – G, completions sampled per prompt"), text);
        String html = cls.getData(MIMEType.TEXT_HTML).toString();
        assertTrue(html.contains("TRL's <code>GRPOConfig</code> names") && html.contains("<dt>Parameters:</dt>"), html);
        // a record accessor: the setting's @Knob doc (config records declare each setting once, there)
        String builder = text(inspectAtEnd("GrpoConfig.defaults().numGenerations(")).toString();
        assertTrue(builder.contains("G, completions sampled per prompt (TRL 8; R1 16; DeepSeekMath 64)"), builder);
        // a documented method of the kernel's own classes
        kernel.executeCell("var inspected = new TrainingDisplay(null, () -> 0L);", 40);
        String method = text(inspectAtEnd("inspected.stop(")).toString();
        assertTrue(method.contains("Asks the training to stop after its step in flight"), method);
        // a shipped library, from the -sources.jar the build fetched (kernel/pom.xml fetch-sources)
        String table = text(inspectAtEnd("Table.create(")).toString();
        assertTrue(table.contains("Table Table.create(String tableName)\nReturns a new, empty table (without rows or columns) with the given name"), table);
        assertTrue(table.contains("Table Table.create(tech.tablesaw.columns.Column<?>... columns)\nReturns a new table with the given columns"), table);
    }

    private static DisplayData inspectAtEnd(String code) {
        return kernel.inspect(code, code.length(), false);
    }
}
