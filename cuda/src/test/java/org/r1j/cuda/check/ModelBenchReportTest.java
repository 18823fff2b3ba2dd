package org.r1j.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side report of the device benchmark: ratios from the sides' files, a missing side named, ratios last. */
class ModelBenchReportTest {
    private static void side(Path dir, String name, double train, double gen, long peak) throws Exception {
        Files.writeString(dir.resolve(name), String.format(java.util.Locale.ROOT,
                "{\"train_tokens_per_s\": %s, \"train_step_ms\": 10, \"train_step_best_ms\": 9, \"mfu\": 0.25, \"mfu_peak_flops\": 67e12,"
                        + " \"gen_tokens_per_s\": %s, \"gen_ms\": 5, \"gen_best_ms\": 4, \"peak_device_bytes\": %d}", train, gen, peak));
    }

    @Test
    void ratiosOfTheTwoSidesComeLast(@TempDir Path dir) throws Exception {
        side(dir, "r1j-small.json", 3000, 500, 2L << 30);
        side(dir, "torch-small.json", 2000, 1000, 1L << 30);
        Files.writeString(dir.resolve("r1j-qwen2.5-0.5b.json"), "{\"error\": \"UnsupportedOperationException: decodeStep\"}");
        String md = ModelBenchOnDevice.report(dir, dir);
        JsonNode j = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        JsonNode small = j.get("ratios").get(0);
        assertEquals("small", small.get("preset").asText());
        assertEquals(1.5, small.get("train_tokens_per_s").asDouble(), 1e-12);
        assertEquals(0.5, small.get("gen_tokens_per_s").asDouble(), 1e-12);
        assertEquals(2.0, small.get("peak_device_bytes").asDouble(), 1e-12);
        assertTrue(j.get("ratios").get(1).get("train_tokens_per_s").isNull(), "no ratio without both sides");
        assertTrue(md.contains("| small | r1j | 3000 | 10.0 (9.0) | 25.00% of 67 T | 500 | 5 (4) | 2048 MiB |"), md);
        assertTrue(md.contains("UnsupportedOperationException: decodeStep"), md);
        assertTrue(md.contains("torch-qwen2.5-0.5b.json missing"), md);
        assertTrue(md.strip().endsWith("| qwen2.5-0.5b-bf16 | n/a | n/a | n/a |"), "the ratios are the last lines:\n" + md);
        assertEquals(md, Files.readString(dir.resolve("bench.md")));
    }
}
