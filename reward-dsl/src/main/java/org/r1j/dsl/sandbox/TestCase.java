package org.r1j.dsl.sandbox;

/** One test of a program: either stdin → expected stdout, or a Python snippet (asserts) run after the program. */
public sealed interface TestCase {
    /** Feeds {@code input} on stdin; passes when the program exits 0 and its output matches {@code expected}. */
    record Stdio(String input, String expected) implements TestCase {}

    /** Runs {@code snippet} after the program, in its namespace; passes when it finishes without an exception. */
    record Assert(String snippet) implements TestCase {}
}
