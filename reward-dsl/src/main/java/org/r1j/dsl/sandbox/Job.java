package org.r1j.dsl.sandbox;

/**
 * One run to make: the program, how to check it, what it reads.
 *
 * @param code  the program's source
 * @param check "" (the judge compares stdout) or "assert" ({@code stdin} then holds the pass marker line and the
 *              test snippet, which the runner executes after the program)
 * @param stdin the program's input, or null for a closed stdin
 */
public record Job(String code, String check, String stdin) {}
