package org.r1j.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.r1j.model.ModelPresets;

/** On a device backend the bench runs PyTorch once on the GPU and prints ratios of tokens/s and of peak device memory. */
class TorchOnDeviceComparisonTest {
    // r1j: 3000 train / 6000 generate tokens/s; step 100 ms (best 90); generation 50 ms (best 45); 600 MB on the device
    private static final ModelBench.Result R1J = new ModelBench.Result(3000, 6000, 100, 50, 0, 0, 90, 45, 0, 0, 0, 600_000_000L);

    private static ObjectNode torchOnGpu() {
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.put("torch", "2.11.0").put("device", "NVIDIA H200").put("peak_device_bytes", 800_000_000L);
        j.put("train_tokens_per_s", 2000).put("gen_tokens_per_s", 8000).put("train_step_ms", 150).put("gen_ms", 40);
        j.put("train_step_best_ms", 120).put("gen_best_ms", 36);
        return j;
    }

    private static String run(TorchBench.Outcome outcome) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new TorchOnDeviceComparison(new PrintStream(buf, true, StandardCharsets.UTF_8), () -> outcome).compare(R1J);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsPyTorchsLineAndTheRatios() {
        String out = run(new TorchBench.Outcome(torchOnGpu(), null));
        assertTrue(out.contains("pytorch train     2000 tokens/s (150 ms/step, best 120)   generate     8000 tokens/s (40 ms, best 36)"
                + "   [NVIDIA H200, torch 2.11.0, peak device memory 800 MB]"), out);
        assertTrue(out.contains("ratio r1j/pytorch (wall tokens/s, mean): train 1.50   generate 0.75"), out);      // 3000/2000, 6000/8000
        assertTrue(out.contains("ratio r1j/pytorch (wall tokens/s, best run): train 1.33   generate 0.80"), out);  // 120/90, 36/45
        assertTrue(out.contains("ratio r1j/pytorch (peak device memory): 0.75"), out);                            // 600/800
        assertFalse(out.contains("CPU"), "no CPU-time ratio on a GPU: " + out);
    }

    @Test
    void noPyTorchOnTheMachineIsOneLineAndNoRatios() {
        String out = run(new TorchBench.Outcome(null, "/usr/bin/python3 not found"));
        assertEquals("pytorch SKIPPED: /usr/bin/python3 not found", out.strip());
        assertNull(new TorchOnDeviceComparison(new PrintStream(new ByteArrayOutputStream()),
                () -> new TorchBench.Outcome(null, "no")).compare(R1J));
    }

    @Test
    void theReferenceRunsAtR1jsGemmPrecisionOnly() {
        var setup = new ModelBench.Setup(ModelPresets.tiny(64), 1, 8, 1, 1, 4, 4, 1, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> TorchBench.onDevice(setup, "cuda", "fp8", 1));
        assertEquals("GEMM precision f32, tf32 or bf16, got 'fp8'", e.getMessage());
    }
}
