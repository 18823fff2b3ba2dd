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

    /**
     * R1's format: exactly {@code <think>…</think><answer>…</answer>} (whitespace around and between allowed), one
     * of each tag, a non-blank answer. Evaluation reports the share of samples that follow it; rejection sampling
     * drops those that do not.
     */
    public static boolean wellFormed(String text) {
        String t = text.strip();
        if (!t.startsWith("<think>") || !t.endsWith("</answer>")) return false;
        int thinkEnd = t.indexOf("</think>");
        if (thinkEnd < 0 || t.indexOf("<think>", 1) >= 0 || t.indexOf("</think>", thinkEnd + 1) >= 0) return false;
        String rest = t.substring(thinkEnd + "</think>".length()).strip();
        if (!rest.startsWith("<answer>")) return false;
        String inner = rest.substring("<answer>".length(), rest.length() - "</answer>".length());
        return !inner.contains("<answer>") && !inner.contains("</answer>") && !inner.isBlank();
    }
}
