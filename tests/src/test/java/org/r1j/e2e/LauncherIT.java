package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void unknownCommandExitsWithUsageError() throws Exception {
        R1jCli.Result r = R1jCli.run("frobnicate");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("Unmatched argument"), r.stderr());
    }
}
