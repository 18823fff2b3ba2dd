package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher builds (or reuses) the CLI and `--help` lists the commands. */
class LauncherIT {
    @Test
    void helpListsCommands() throws Exception {
        R1jCli.Result r = R1jCli.run("--help");
        assertEquals(0, r.exitCode(), r.all());
        for (String c : new String[] {"demo", "reward", "train", "eval", "bench", "kernel", "notebook"}) {
            assertTrue(r.stdout().contains("  " + c + " "), "missing " + c + " in:\n" + r.stdout());
        }
    }

    /** No JDK new enough (simulated by asking for 99): one line that says what is missing, exit 2, nothing started. */
    @Test
    void missingJdkIsOneClearLine() throws Exception {
        R1jCli.Result r = R1jCli.run(60, Map.of("R1J_JDK_MIN", "99"), "--help");
        assertEquals(2, r.exitCode(), r.all());
        assertEquals("", r.stdout(), "nothing ran");
        assertEquals(1, r.stderr().strip().lines().count(), "one line: " + r.stderr());
        assertTrue(r.stderr().contains("r1j needs a JDK 99 or newer") && r.stderr().contains("JAVA_HOME"), r.stderr());
    }

    @Test
    void unknownCommandExitsWithUsageError() throws Exception {
        R1jCli.Result r = R1jCli.run("frobnicate");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("Unmatched argument"), r.stderr());
    }
}
