package org.r1j.grpo.demo;

import java.util.OptionalInt;
import java.util.Set;
import org.r1j.model.tokenize.Tokenizer;

/**
 * A tokenizer whose decoding keeps the reasoning markers ({@code <think>}, {@code </answer>}, …) while skipping
 * control tokens (padding, EOS, unknown). Reward programs and answer extraction read those markers from the
 * completion text; Hugging Face keeps them too (Qwen's {@code <think>} is an added, not a special, token).
 */
public final class TagTokenizer implements Tokenizer {
    private final Tokenizer inner;
    private final Set<String> tags;

    public TagTokenizer(Tokenizer inner, Set<String> tags) {
        this.inner = inner;
        this.tags = Set.copyOf(tags);
    }

    /** Keeps the four R1 markers. */
    public static TagTokenizer r1(Tokenizer inner) {
        return new TagTokenizer(inner, Set.of("<think>", "</think>", "<answer>", "</answer>"));
    }

    @Override
    public int[] encode(String text) {
        return inner.encode(text);
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        if (!skipSpecial) return inner.decode(ids, false);
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int i = 0; i < ids.length; i++) {
            String one = inner.decode(new int[] {ids[i]}, false);
            if (tags.contains(one)) {
                sb.append(inner.decode(java.util.Arrays.copyOfRange(ids, start, i), true)).append(one);
                start = i + 1;
            }
        }
        return sb.append(inner.decode(java.util.Arrays.copyOfRange(ids, start, ids.length), true)).toString();
    }

    @Override public int vocabSize() { return inner.vocabSize(); }
    @Override public int eosId() { return inner.eosId(); }
    @Override public int padId() { return inner.padId(); }
    @Override public OptionalInt specialId(String token) { return inner.specialId(token); }
}
