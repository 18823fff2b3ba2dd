package org.r1j.dsl.lib.math;

/**
 * Outcome of {@link MathEqual#check}.
 *
 * @param truth               equal, different, or unknown (unparsable, undecidable, timed out)
 * @param reason              short human reason, e.g. "equal (numeric)", "different intervals: [0,1) vs (0,1]", "timed out"
 * @param predictedNormalized the predicted answer as it was compared (after extraction and normalisation)
 * @param goldNormalized      the gold answer as it was compared
 */
public record MathVerdict(Truth truth, String reason, String predictedNormalized, String goldNormalized) {
    public static MathVerdict unknown(String reason, String predicted, String gold) {
        return new MathVerdict(Truth.UNKNOWN, reason, predicted, gold);
    }

    public boolean isTrue() {
        return truth == Truth.TRUE;
    }
}
