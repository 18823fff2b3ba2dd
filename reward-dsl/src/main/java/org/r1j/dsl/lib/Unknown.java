package org.r1j.dsl.lib;

/**
 * The run-time "unknown" value: a check that could not decide (no answer found, unparsable, timed out, input too
 * long, a built-in failed). It flows through expressions (see docs/reward-dsl.md) and carries its reason to the
 * explanation.
 */
public record Unknown(String reason) {
    public static Unknown of(String reason) {
        return new Unknown(reason);
    }

    @Override
    public String toString() {
        return "unknown (" + reason + ")";
    }
}
