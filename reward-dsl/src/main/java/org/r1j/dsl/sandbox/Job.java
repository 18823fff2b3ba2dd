package org.r1j.dsl.sandbox;

/**
 * One run to make: the program, how to check it, what it reads.
 *
 * @param code  the program's source
 * @param check "" (the judge compares stdout) or "assert" ({@code stdin} then holds the test snippet, which
 *              asserts.py runs in a judge process of its own against the program's names; the run's stdout is the
 *              judge's verdict as one JSON line, see {@link AssertVerdict})
 * @param stdin the program's input, or null for a closed stdin
 */
public record Job(String code, String check, String stdin) {}
