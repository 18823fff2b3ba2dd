package org.r1j.dsl.sandbox;

import java.util.List;

/** All tests of one program: how many passed, and a one-line account. */
public record TestReport(List<TestOutcome> outcomes, Isolation isolation) {
    /** Failures listed by name in {@link #explanation()}; the rest are counted. */
    static final int FAILURES_SHOWN = 3;

    public int passed() {
        return (int) outcomes.stream().filter(TestOutcome::passed).count();
    }

    public int total() {
        return outcomes.size();
    }

    /** Share passed, in [0, 1]. */
    public double fraction() {
        return total() == 0 ? 0 : (double) passed() / total();
    }

    /** The first test where the sandbox itself failed, if any (then the report decides nothing). */
    public java.util.Optional<TestOutcome> undecided() {
        return outcomes.stream().filter(TestOutcome::undecided).findFirst();
    }

    /** {@code 3/5 passed; test 4: expected "7", got "8"; test 5: timed out 4 s}. */
    public String explanation() {
        StringBuilder b = new StringBuilder().append(passed()).append('/').append(total()).append(" passed");
        int shown = 0;
        int failed = 0;
        for (TestOutcome o : outcomes) {
            if (o.passed()) continue;
            failed++;
            if (shown < FAILURES_SHOWN) {
                b.append("; test ").append(o.number()).append(": ").append(o.why());
                shown++;
            }
        }
        if (failed > shown) b.append("; ").append(failed - shown).append(" more failed");
        if (isolation == Isolation.PROCESS) b.append(" (").append(isolation.note()).append(')');
        return b.toString();
    }
}
