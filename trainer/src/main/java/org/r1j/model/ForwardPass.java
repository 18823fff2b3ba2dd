package org.r1j.model;

/**
 * The result of {@link CausalLM#forward}: per-token log-probabilities of the completion tokens (of
 * {@code logits / temperature}), their entropies, and — when the pass was made for training — the activations
 * needed to run backward once.
 */
public interface ForwardPass extends AutoCloseable {
    /** [B][completionLength(b)]: log p(token_t | tokens_<t) for each completion token. */
    float[][] logprobs();

    /** [B][completionLength(b)]: entropy of the predicted distribution at each completion position. */
    float[][] entropies();

    /**
     * Backpropagates dLoss/dLogprob (same shape as {@link #logprobs()}) and accumulates (+=) parameter
     * gradients in the model. Allowed once, only for passes made with {@code training = true}.
     */
    void backward(float[][] dLogprobs);

    /**
     * {@link #backward(float[][])} with, in addition, dLoss/dEntropy per completion token (GRPO's entropy bonus,
     * TRL {@code entropy_coef}). Passes that cannot differentiate their entropies refuse.
     */
    default void backward(float[][] dLogprobs, float[][] dEntropies) {
        if (dEntropies != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot backpropagate through entropies");
        }
        backward(dLogprobs);
    }

    /** Frees the saved activations. */
    @Override
    void close();
}
