package org.r1j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter tensors of a {@link ModelConfig}: Hugging Face names and shapes (Linear weights (out, in)), in
 * the order they are laid out in one flat buffer. The order puts q/k/v weights next to each other, so they
 * form one (QKV, C) matrix (and their biases one (QKV) vector): one GEMM where Hugging Face runs three.
 */
public final class ParamLayout {
    /** One tensor: its name, shape and offset (in elements) inside the flat buffer. */
    public record Entry(String name, long[] shape, long offset) {
        public long length() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long total;

    public ParamLayout(ModelConfig c) {
        long C = c.hiddenSize(), I = c.intermediateSize(), hs = c.headDim();
        long qOut = c.numAttentionHeads() * hs, kvOut = c.numKeyValueHeads() * hs;
        add("model.embed_tokens.weight", c.vocabSize(), C);
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            add(p + "input_layernorm.weight", C);
            add(p + "self_attn.q_proj.weight", qOut, C);
            add(p + "self_attn.k_proj.weight", kvOut, C);
            add(p + "self_attn.v_proj.weight", kvOut, C);
            if (c.attentionBias()) {
                add(p + "self_attn.q_proj.bias", qOut);
                add(p + "self_attn.k_proj.bias", kvOut);
                add(p + "self_attn.v_proj.bias", kvOut);
            }
            add(p + "self_attn.o_proj.weight", C, qOut);
            add(p + "post_attention_layernorm.weight", C);
            add(p + "mlp.gate_proj.weight", I, C);
            add(p + "mlp.up_proj.weight", I, C);
            add(p + "mlp.down_proj.weight", C, I);
        }
        add("model.norm.weight", C);
        if (!c.tieWordEmbeddings()) add("lm_head.weight", c.vocabSize(), C);
    }

    private void add(String name, long... shape) {
        Entry e = new Entry(name, shape, total);
        entries.put(name, e);
        total += e.length();
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    /** The entry for {@code name}, or null when the model has no such tensor. */
    public Entry entry(String name) {
        return entries.get(name);
    }

    /** Total scalars. */
    public long total() {
        return total;
    }
}
