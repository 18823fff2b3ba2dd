package org.r1j.model;

import org.r1j.model.backend.Tensor;

/**
 * One decoder layer's tensors as fused views into {@link FlatParameters} (either the weights or the gradients):
 * q/k/v stacked as rows of one matrix, gate and up likewise ({@link ParamLayout} lays them out back to back).
 *
 * @param ln1  (C) input_layernorm
 * @param wqkv (QKV, C) q_proj; k_proj; v_proj weights
 * @param bqkv (QKV) their biases, or null without attention_bias
 * @param wo   (C, NH*hs) o_proj
 * @param ln2  (C) post_attention_layernorm
 * @param wgu  (2I, C) gate_proj; up_proj (one GEMM where both are needed at once, as in decoding)
 * @param wg   (I, C) gate_proj, rows 0..I-1 of wgu
 * @param wu   (I, C) up_proj, rows I..2I-1 of wgu
 * @param wd   (C, I) down_proj
 */
public record LayerWeights(Tensor ln1, Tensor wqkv, Tensor bqkv, Tensor wo, Tensor ln2, Tensor wgu,
                           Tensor wg, Tensor wu, Tensor wd) {

    /** Layer {@code layer}'s views, resolved from the Hugging Face names (the one place besides ParamLayout). */
    static LayerWeights of(FlatParameters p, ModelConfig c, int layer, boolean grads) {
        FlatParameters.Views v = p.views(grads);
        String pre = "model.layers." + layer + ".";
        long C = c.hiddenSize(), I = c.intermediateSize();
        long qkv = (long) (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) * c.headDim();
        ParamLayout layout = p.layout();
        if (layout.entry(pre + "mlp.up_proj.weight").offset() != layout.entry(pre + "mlp.gate_proj.weight").offset() + I * C)
            throw new IllegalStateException("gate_proj and up_proj are not adjacent in the parameter buffer");
        return new LayerWeights(v.tensor(pre + "input_layernorm.weight"), v.fused(pre + "self_attn.q_proj.weight", qkv, C),
                c.attentionBias() ? v.fused(pre + "self_attn.q_proj.bias", qkv) : null,
                v.tensor(pre + "self_attn.o_proj.weight"), v.tensor(pre + "post_attention_layernorm.weight"),
                v.fused(pre + "mlp.gate_proj.weight", 2 * I, C), v.tensor(pre + "mlp.gate_proj.weight"),
                v.tensor(pre + "mlp.up_proj.weight"), v.tensor(pre + "mlp.down_proj.weight"));
    }
}
