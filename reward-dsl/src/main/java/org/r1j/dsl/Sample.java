package org.r1j.dsl;

import java.util.Map;

/**
 * One completion to score: the prompt it answers, the model's completion, the reference answer and any other
 * dataset fields (visible to rewards by name).
 *
 * @param completionTokens the completion's length in tokens when the trainer knows it (for `len(.., "tokens")`
 *                         and `overlong`), or -1
 */
public record Sample(String prompt, String completion, String reference, Map<String, Object> fields,
                     int completionTokens) {
    public Sample {
        prompt = prompt == null ? "" : prompt;
        completion = completion == null ? "" : completion;
        reference = reference == null ? "" : reference;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static Sample of(String prompt, String completion, String reference) {
        return new Sample(prompt, completion, reference, Map.of(), -1);
    }
}
