package org.r1j.dsl.lib.math;

import java.util.List;
import java.util.Optional;

/** Pulls the final answer out of a model completion. (Signature placeholder: implementation in progress.) */
public final class AnswerExtraction {
    private AnswerExtraction() {}

    /** Content of the last {@code \boxed{…}} / {@code \fbox{…}} (nested braces), or {@code \boxed 5}. */
    public static Optional<String> boxed(String text) {
        return Optional.empty();
    }

    /** The last number in the text ({@code **73**}, {@code 1,234.5}, {@code -3}, {@code 3/4}). */
    public static Optional<String> lastNumber(String text) {
        return Optional.empty();
    }

    /** Candidate answers, most preferred first: boxed, "answer is …", last number. */
    public static List<String> answerCandidates(String text) {
        return List.of();
    }
}
