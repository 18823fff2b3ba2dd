package org.r1j.pipeline.eval;

import java.util.Optional;

/** Finds the text between the last {@code <answer>} and its {@code </answer>}, as the R1 template asks for. */
public final class AnswerTags {
    private AnswerTags() {
    }

    public static Optional<String> lastAnswer(String completion) {
        int open = completion.lastIndexOf("<answer>");
        if (open < 0) return Optional.empty();
        int start = open + "<answer>".length();
        int close = completion.indexOf("</answer>", start);
        if (close < 0) return Optional.empty();
        String answer = completion.substring(start, close).strip();
        return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
    }

    /** The text between the first {@code <think>} and {@code </think>}, or empty. */
    public static Optional<String> thinking(String completion) {
        int open = completion.indexOf("<think>");
        if (open < 0) return Optional.empty();
        int start = open + "<think>".length();
        int close = completion.indexOf("</think>", start);
        return close < 0 ? Optional.empty() : Optional.of(completion.substring(start, close));
    }
}
