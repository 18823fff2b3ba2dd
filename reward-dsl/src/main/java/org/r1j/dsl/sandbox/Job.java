package org.r1j.dsl.sandbox;

import java.util.List;

/**
 * One run to make: the program, how to check it, what it reads, and how to launch it.
 *
 * @param code   the program's source
 * @param check  "" (the judge compares stdout) or "assert" ({@code stdin} then holds the test snippet, which
 *               asserts.py runs in a judge process of its own against the program's names; the run's stdout is the
 *               judge's verdict as one JSON line, see {@link AssertVerdict})
 * @param stdin  the program's input, or null for a closed stdin
 * @param launch for a program the sandbox's Python does not run itself (Java): the command, run in the run's
 *               directory with the program saved there as {@code file}; null for Python
 * @param file   the program's file name for {@code launch}, or null
 * @param memory the run's address-space limit, or 0 for the sandbox's
 */
public record Job(String code, String check, String stdin, List<String> launch, String file, long memory) {
    public Job {
        launch = launch == null ? null : List.copyOf(launch);
    }

    /** A Python run. */
    public Job(String code, String check, String stdin) {
        this(code, check, stdin, null, null, 0);
    }
}
