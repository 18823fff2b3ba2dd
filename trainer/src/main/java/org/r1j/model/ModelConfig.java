package org.r1j.model;

/**
 * Architecture of a Qwen2/Llama-family decoder, with Hugging Face `config.json` names (snake_case there).
 *
 * @param vocabSize            vocab_size
 * @param hiddenSize           hidden_size (C)
 * @param intermediateSize     intermediate_size (SwiGLU inner width)
 * @param numHiddenLayers      num_hidden_layers (L)
 * @param numAttentionHeads    num_attention_heads (NH)
 * @param numKeyValueHeads     num_key_value_heads (grouped-query attention; = NH for plain multi-head)
 * @param rmsNormEps           rms_norm_eps
 * @param ropeTheta            rope_theta
 * @param maxPositionEmbeddings max_position_embeddings
 * @param tieWordEmbeddings    tie_word_embeddings (LM head shares the embedding matrix)
 * @param attentionBias        q/k/v projections have biases (Qwen2: true, Llama: false)
 * @param modelType            model_type ("qwen2" or "llama")
 * @param bosTokenId           bos_token_id, or -1
 * @param eosTokenId           eos_token_id, or -1
 */
public record ModelConfig(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
                          int numAttentionHeads, int numKeyValueHeads, double rmsNormEps, double ropeTheta,
                          int maxPositionEmbeddings, boolean tieWordEmbeddings, boolean attentionBias,
                          String modelType, int bosTokenId, int eosTokenId) {
    /** Rejects sizes the model cannot be built with, naming the config.json field. */
    public ModelConfig {
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("num_hidden_layers", numHiddenLayers);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("num_key_value_heads", numKeyValueHeads);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0)
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads "
                    + numAttentionHeads);
        if (numAttentionHeads % numKeyValueHeads != 0)
            throw new IllegalArgumentException("num_attention_heads " + numAttentionHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        if ((hiddenSize / numAttentionHeads) % 2 != 0)
            throw new IllegalArgumentException("head size hidden_size/num_attention_heads = "
                    + hiddenSize / numAttentionHeads + " must be even for rotary embeddings");
        if (!(rmsNormEps > 0)) throw new IllegalArgumentException("rms_norm_eps must be > 0, got " + rmsNormEps);
        if (!(ropeTheta > 0)) throw new IllegalArgumentException("rope_theta must be > 0, got " + ropeTheta);
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }

    /** Query heads per key/value head (G). */
    public int groupSize() {
        return numAttentionHeads / numKeyValueHeads;
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
