package org.r1j.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cons@k's vote: answers are grouped by {@link AnswerChecker#sameAnswer} (so "0.5" and "1/2" count together when the
 * checker says so); the largest group wins, ties going to the group whose first answer came first. Samples without
 * an answer do not vote.
 */
public final class MajorityVote {
    private MajorityVote() {
    }

    /** The winning answer (its group's first member), or empty when no sample gave an answer. */
    public static Optional<String> winner(List<String> answers, AnswerChecker checker) {
        List<String> representatives = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (String answer : answers) {
            int group = -1;
            for (int g = 0; g < representatives.size() && group < 0; g++) {
                if (checker.sameAnswer(representatives.get(g), answer)) group = g;
            }
            if (group < 0) {
                representatives.add(answer);
                counts.add(1);
            } else {
                counts.set(group, counts.get(group) + 1);
            }
        }
        int best = -1;
        for (int g = 0; g < counts.size(); g++) {
            if (best < 0 || counts.get(g) > counts.get(best)) best = g;
        }
        return best < 0 ? Optional.empty() : Optional.of(representatives.get(best));
    }
}
