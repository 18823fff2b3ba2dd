package org.r1j.model.tokenize;

import java.util.OptionalInt;

/** Text ↔ token ids. Implementations: a Hugging Face `tokenizer.json` (via DJL) and a built-in character tokenizer. */
public interface Tokenizer {
    /** Token ids of {@code text}, without adding BOS/EOS. Special-token strings in the text map to their ids. */
    int[] encode(String text);

    /** Text of {@code ids}; special tokens are kept as their strings unless {@code skipSpecial}. */
    String decode(int[] ids, boolean skipSpecial);

    default String decode(int[] ids) {
        return decode(ids, true);
    }

    int vocabSize();

    /** End-of-sequence id: generation stops on it. */
    int eosId();

    /** Padding id (may equal EOS). */
    int padId();

    /** Id of a special token such as {@code "<think>"} or {@code "<|im_end|>"}, when the vocabulary has it. */
    OptionalInt specialId(String token);

    /**
     * Writes this tokenizer's files ({@code tokenizer.json}, {@code tokenizer_config.json}) into model directory
     * {@code dir}, so that {@link TokenizerFiles#load} reads it back.
     */
    default void save(java.nio.file.Path dir) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be saved");
    }
}
