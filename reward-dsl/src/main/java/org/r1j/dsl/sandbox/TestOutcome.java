package org.r1j.dsl.sandbox;

/**
 * One test's verdict.
 *
 * @param number    1-based, as explanations count
 * @param passed    whether the program passed it
 * @param why       for a failure, what happened ({@code expected "7", got "8"}, {@code timed out 4 s}); "" when passed
 * @param execution the run itself
 */
public record TestOutcome(int number, boolean passed, String why, Execution execution) {
    /** The sandbox itself failed: the test says nothing about the program. */
    public boolean undecided() {
        return execution.status() == Execution.Status.SANDBOX_ERROR;
    }
}
