package org.r1j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One decoder layer's tensors as fused views into {@link FlatParameters} (either the weights or the
 * gradients): q/k/v stacked as rows of one matrix.
 *
 * @param ln1  (C) input_layernorm
 * @param wqkv (QKV, C) q_proj; k_proj; v_proj weights
 * @param bqkv (QKV) their biases, or null without attention_bias
 * @param wo   (C, NH*hs) o_proj
 * @param ln2  (C) post_attention_layernorm
 * @param wg   (I, C) gate_proj
 * @param wu   (I, C) up_proj
 * @param wd   (C, I) down_proj
 */
record LayerWeights(INDArray ln1, INDArray wqkv, INDArray bqkv, INDArray wo, INDArray ln2, INDArray wg, INDArray wu, INDArray wd) {

    static LayerWeights of(FlatParameters p, ModelConfig c, int layer, boolean grads) {
        String pre = "model.layers." + layer + ".";
        long C = c.hiddenSize();
        long qkv = (long) (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) * c.headDim();
        if (grads) {
            return new LayerWeights(p.grad(pre + "input_layernorm.weight"),
                    p.fusedGrad(pre + "self_attn.q_proj.weight", qkv, C),
                    c.attentionBias() ? p.fusedGrad(pre + "self_attn.q_proj.bias", qkv) : null,
                    p.grad(pre + "self_attn.o_proj.weight"), p.grad(pre + "post_attention_layernorm.weight"),
                    p.grad(pre + "mlp.gate_proj.weight"), p.grad(pre + "mlp.up_proj.weight"),
                    p.grad(pre + "mlp.down_proj.weight"));
        }
        return new LayerWeights(p.weight(pre + "input_layernorm.weight"),
                p.fusedWeight(pre + "self_attn.q_proj.weight", qkv, C),
                c.attentionBias() ? p.fusedWeight(pre + "self_attn.q_proj.bias", qkv) : null,
                p.weight(pre + "self_attn.o_proj.weight"), p.weight(pre + "post_attention_layernorm.weight"),
                p.weight(pre + "mlp.gate_proj.weight"), p.weight(pre + "mlp.up_proj.weight"),
                p.weight(pre + "mlp.down_proj.weight"));
    }
}
