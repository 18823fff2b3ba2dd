package org.r1j.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;

class TrainFlopsTest {
    @Test
    void smallPresetByHand() {
        ModelConfig c = ModelPresets.small(512);   // d 256, 4 layers, 8 heads / 4 KV (kv = 128), I 688, V 512
        double perLayer = 256.0 * 256 + 2 * 256 * 128 + 256.0 * 256 + 3 * 256 * 688;
        assertEquals(4 * perLayer + 512 * 256, TrainFlops.matmulWeights(c), 0);
        assertEquals(6 * (4 * perLayer + 512 * 256) + 12.0 * 4 * 256 * 256, TrainFlops.perToken(c, 256), 0);
    }

    @Test
    void qwenHalfBillionShape() {
        // Qwen2.5-0.5B: 494M parameters of which 136M embedding (tied); every matrix but norms and biases counts
        ModelConfig c = new ModelConfig(151_936, 896, 4864, 24, 14, 2, 1e-6, 1e6, 32768, true, true, "qwen2", -1, -1);
        assertEquals(494.0e6, TrainFlops.matmulWeights(c), 0.5e6);
        // 10,000 tokens/s at T = 512 against 67 TFLOP/s
        double perToken = 6 * TrainFlops.matmulWeights(c) + 12.0 * 24 * 896 * 512;
        assertEquals(1e4 * perToken / 67e12, TrainFlops.mfu(c, 512, 1e4, 67e12), 1e-15);
    }
}
