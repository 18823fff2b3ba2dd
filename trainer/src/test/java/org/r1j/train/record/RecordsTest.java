package org.r1j.train.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.train.StepMetrics;
import org.r1j.train.StepMetrics.CompletionRecord;

class RecordsTest {
    private static StepMetrics step(int s, double reward, boolean skipped, List<CompletionRecord> c) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("reward", reward);
        v.put("rewards/accuracy/mean", reward / 2);
        v.put("kl", Double.NaN);
        v.put("time/generate", 0.5);
        return new StepMetrics("grpo", s, 10, v, c, skipped, skipped ? "loss is NaN" : "");
    }

    @Test
    void metricsCsvRoundTripsAndResumeDropsRedoneSteps(@TempDir Path dir) throws Exception {
        RunRecorder rec = new RunRecorder(dir, "test run");
        rec.onStart("grpo", 1, 10);
        rec.onStep(step(1, 0.25, false, List.of()));
        rec.onStep(step(2, 0.5, true, List.of()));
        rec.onStep(step(3, 1.0, false, List.of()));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("step,stage,skipped,reward,rewards/accuracy/mean,kl,time/generate", lines.get(0));
        assertEquals("2,grpo,true,0.5,0.25,,0.5", lines.get(2));

        RunRecorder resumed = new RunRecorder(dir, "test run");   // a new process after a kill
        resumed.onStart("grpo", 3, 10);                           // checkpoint was at step 2
        resumed.onStep(step(3, 0.75, false, List.of()));
        lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("3,grpo,false,0.75,"), lines.get(3));
        assertEquals(0.5, resumed.metricsTable().doubleColumn("reward").get(1), 0);
        assertTrue(resumed.metricsTable().booleanColumn("skipped").get(1));
    }

    @Test
    void reportHasChartsSummaryAndEscapedCompletions(@TempDir Path dir) throws Exception {
        RunRecorder rec = new RunRecorder(dir, "demo <run>");
        rec.onStart("grpo", 1, 2);
        CompletionRecord c = new CompletionRecord(1, "1+1", "<think>1+1=2</think><answer>2</answer>",
                Map.of("accuracy", 1.0, "total", 2.0), 0.7);
        rec.onStep(step(1, 0.5, false, List.of(c)));
        rec.onStep(step(2, 1.5, false, List.of()));
        rec.summary("pass@1 before → after", "10.0% → 30.0%");
        rec.onEnd(2, false);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Plotly.newPlot"), "charts");
        assertTrue(html.contains("demo &lt;run&gt;"));
        assertTrue(html.contains("&lt;think&gt;1+1=2&lt;/think&gt;"), "completions are escaped");
        assertTrue(html.contains("10.0% → 30.0%"));
        assertFalse(html.contains("'kl'"), "an all-NaN metric gets no chart");
        assertEquals(2, Files.readAllLines(dir.resolve("completions.csv")).size());
    }

    @Test
    void progressLineShowsStepEtaAndReward() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true), false);
        p.onStart("grpo", 1, 10);
        String line = p.line(step(2, 0.625, false, List.of()), 20_000_000_000L);
        assertEquals("grpo [#####...................] 2/10  20% ETA 1m20s reward 0.625", line);
        p.onStep(step(3, 1.0, true, List.of()));
        assertTrue(bytes.toString().contains("(skipped: loss is NaN)"), bytes.toString());
    }
}
