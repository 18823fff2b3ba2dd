package org.r1j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelPresetsTest {
    /** 494,032,768: Qwen2.5-0.5B's parameter count (tied embeddings, q/k/v biases), so the shape is that model's. */
    @Test
    void qwen25HalfHasQwen25HalfsParameterCount() {
        ModelConfig c = ModelPresets.byName("qwen2.5-0.5b", ModelPresets.QWEN25_VOCAB);
        assertEquals(494_032_768L, new ParamLayout(c).total());
        assertEquals(896 / 14, c.hiddenSize() / c.numAttentionHeads());
        assertEquals(ModelPresets.QWEN25_VOCAB, ModelPresets.benchmarkVocab("qwen2.5-0.5b"));
        assertEquals(512, ModelPresets.benchmarkVocab("small"));
    }

    @Test
    void anUnknownPresetNamesTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelPresets.byName("huge", 512));
        assertEquals("unknown model preset 'huge' (known: tiny, small, qwen2.5-0.5b)", e.getMessage());
    }
}
