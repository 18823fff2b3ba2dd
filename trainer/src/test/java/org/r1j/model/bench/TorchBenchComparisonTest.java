package org.r1j.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison runs every setting and takes each ratio against PyTorch's best for that measure. */
class TorchBenchComparisonTest {
    // r1j: 1000 train / 2000 generate tokens/s; step 100 ms (best 90, CPU 110); generation 50 ms (best 45, CPU 60)
    private static final ModelBench.Result R1J = new ModelBench.Result(1000, 2000, 100, 50, 110, 60, 90, 45, 0, 0, 0, 0);

    private static ObjectNode json(double trainTps, double genTps, double stepBest, double genBest, double stepCpu, double genCpu) {
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.put("torch", "1.13.0a0").put("threads", 1).putNull("blas_threads").put("peak_rss_bytes", 1_000_000_000L);
        j.put("train_tokens_per_s", trainTps).put("gen_tokens_per_s", genTps).put("train_step_ms", 1).put("gen_ms", 1);
        j.put("train_step_best_ms", stepBest).put("gen_best_ms", genBest);
        j.put("train_step_cpu_ms", stepCpu).put("gen_cpu_ms", genCpu);
        return j;
    }

    @Test
    void ratiosAreAgainstTheBestSettingOfEachMeasure() {
        // train is best at 1/free, generation at 1/1, CPU time lowest at 1/1: the bests come from different settings
        Map<String, ObjectNode> results = Map.of(
                "1/1", json(800, 4000, 120, 20, 125, 25),
                "2/1", json(1000, 2000, 100, 40, 180, 70),
                "2/2", json(900, 1000, 110, 80, 200, 150),
                "1/free", json(1250, 3000, 80, 30, 160, 40));
        List<String> ran = new ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var cmp = new TorchComparison(new PrintStream(buf, true, StandardCharsets.UTF_8), s -> {
            ran.add(s.label());
            return new TorchBench.Outcome(results.get(s.label()), null);
        });
        TorchComparison.Best b = cmp.compare(R1J, TorchSetting.defaults(2));
        String out = buf.toString(StandardCharsets.UTF_8);

        assertEquals(List.of("1/1", "2/1", "2/2", "1/free"), ran);
        assertEquals(4, out.lines().filter(l -> l.startsWith("pytorch train")).count(), out);
        assertEquals("1/free", b.trainTokens().setting().label());
        assertEquals("1/1", b.genTokens().setting().label());
        assertTrue(out.contains("pytorch best  train     1250 tokens/s [1/free]   generate     4000 tokens/s [1/1]"), out);
        // 1000/1250 and 2000/4000, not against the first setting or any one setting
        assertTrue(out.contains("ratio r1j/pytorch (wall tokens/s, mean): train 0.80   generate 0.50   [vs 1/free, 1/1]"), out);
        // best step: PyTorch's least ms over r1j's (80/90, 20/45)
        assertTrue(out.contains("ratio r1j/pytorch (wall tokens/s, best run): train 0.89   generate 0.44   [vs 1/free, 1/1]"), out);
        // CPU: PyTorch's least CPU (125 at "1", 25 at "1") over r1j's (110, 60)
        assertTrue(out.contains("train 1.14   generate 0.42   [vs 1/1, 1/1]"), out);
    }

    @Test
    void aFailedSettingIsReportedAndTheRestCompared() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var cmp = new TorchComparison(new PrintStream(buf, true, StandardCharsets.UTF_8), s -> s.blasThreads() == 2
                ? new TorchBench.Outcome(null, "PyTorch run failed") : new TorchBench.Outcome(json(500, 1000, 1, 1, 1, 1), null));
        TorchComparison.Best b = cmp.compare(R1J, TorchSetting.defaults(2));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("pytorch [2/2] SKIPPED: PyTorch run failed"), out);
        assertTrue(out.contains("(best of 3 settings)"), out);
        assertEquals("1/1", b.trainTokens().setting().label()); // ties keep the first
        assertTrue(out.contains("ratio r1j/pytorch (wall tokens/s, mean): train 2.00   generate 2.00"), out);
    }

    @Test
    void noPythonGivesOneSkipLineAndNoRatios() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var cmp = new TorchComparison(new PrintStream(buf, true, StandardCharsets.UTF_8),
                s -> new TorchBench.Outcome(null, "/usr/bin/python3 not found"));
        assertNull(cmp.compare(R1J, TorchSetting.defaults(2)));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("pytorch SKIPPED: /usr/bin/python3 not found"), out);
        assertEquals(1, out.lines().filter(l -> l.contains("SKIPPED")).count(), out);
        assertTrue(!out.contains("ratio"), out);
    }
}
