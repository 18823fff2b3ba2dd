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
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
