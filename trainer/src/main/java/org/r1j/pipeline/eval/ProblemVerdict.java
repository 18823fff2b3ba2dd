package org.r1j.pipeline.eval;

import java.io.Serializable;

/**
 * What evaluation found for one problem, before it is added to the totals ({@link EvalTally}). Plain values only, so
 * a verdict reached on another machine (a Spark executor) can travel back and be tallied in problem order.
 *
 * @param correct       samples whose extracted answer is right
 * @param majority      the majority-vote answer ("" when no sample gave one)
 * @param consCorrect   whether that majority answer is right
 * @param greedyAnswer  the greedy completion's answer ("" when none or greedy decoding was off)
 * @param greedyCorrect whether the greedy answer is right
 * @param languageSum   the sum of the samples' language-consistency shares (samples without words left out)
 * @param languageCount how many samples that sum covers
 * @param firstSample   the first sample's text, for the per-problem table
 * @param wellFormed    samples in R1's format ({@link AnswerTags#wellFormed})
 * @param lengthSum     the samples' lengths in tokens (characters when the sampler does not count tokens)
 */
public record ProblemVerdict(int correct, String majority, boolean consCorrect, String greedyAnswer,
                             boolean greedyCorrect, double languageSum, int languageCount, String firstSample,
                             int wellFormed, double lengthSum)
        implements Serializable {
}
