package org.r1j.dsl;

import java.util.Map;

/**
 * The result of scoring one sample.
 *
 * @param total        weighted sum of the rewards, unknown ones handled as the program declares (see docs/reward-dsl.md)
 * @param values       each reward's own value by name, in declaration order; {@code Double.NaN} means "unknown"
 * @param explanations one line per reward saying why it got its value
 */
public record Score(double total, Map<String, Double> values, Map<String, String> explanations) {
    public boolean isUnknown(String reward) {
        Double v = values.get(reward);
        return v == null || v.isNaN();
    }
}
