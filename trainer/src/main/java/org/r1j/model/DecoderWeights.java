package org.r1j.model;

import org.r1j.model.backend.Tensor;

/**
 * Every tensor of a decoder as views into {@link FlatParameters} (the weights, or the gradients), resolved from
 * the Hugging Face names once, when the model is built: the layers, the decoding steps and the backward pass read
 * these fields, never a name.
 *
 * @param embed     (V, C) model.embed_tokens
 * @param finalNorm (C) model.norm
 * @param lmHead    (V, C) lm_head, or the embedding itself when tied (tie_word_embeddings)
 * @param layers    per layer, see {@link LayerWeights}
 */
public record DecoderWeights(Tensor embed, Tensor finalNorm, Tensor lmHead, LayerWeights[] layers) {

    static DecoderWeights of(FlatParameters p, ModelConfig c, boolean grads) {
        FlatParameters.Views v = p.views(grads);
        LayerWeights[] layers = new LayerWeights[c.numHiddenLayers()];
        for (int l = 0; l < layers.length; l++) layers[l] = LayerWeights.of(p, c, l, grads);
        Tensor embed = v.tensor("model.embed_tokens.weight");
        return new DecoderWeights(embed, v.tensor("model.norm.weight"),
                c.tieWordEmbeddings() ? embed : v.tensor("lm_head.weight"), layers);
    }

    public LayerWeights layer(int l) { return layers[l]; }
}
