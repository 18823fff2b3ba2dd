package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Whether this machine has the NVIDIA driver (then the no-GPU message is not what happens). */
    private static boolean hasNvidiaDriver() throws Exception {
        if (Files.exists(Path.of("/dev/nvidiactl"))) return true;
        Process p = new ProcessBuilder("sh", "-c", "ldconfig -p 2>/dev/null | grep -q 'libcuda.so.1 '").start();
        return p.waitFor() == 0;
    }

    /**
     * R1J_BACKEND=cuda without a GPU: every command that runs a model stops at once, before any work, with one line
     * naming what is missing (issue #12); a command without a model is not affected.
     */
    @Test
    void cudaWithoutAGpuIsOneClearLineForEveryModelCommand() throws Exception {
        assumeFalse(hasNvidiaDriver(), "this machine has the NVIDIA driver: the no-GPU message is not what happens here");
        Map<String, String> cuda = Map.of("R1J_BACKEND", "cuda");
        for (List<String> command : List.of(List.of("demo"), List.of("train", "configs/arithmetic-clean.yaml"),
                List.of("eval", "--model", "none", "--data", "none.jsonl", "--rewards", "rewards/r1.reward"),
                List.of("generate", "--model", "none", "--prompt", "1+1="), List.of("logprobs", "--model", "none"),
                List.of("bench", "model"))) {
            R1jCli.Result r = R1jCli.run(120, cuda, command.toArray(String[]::new));
            String what = String.join(" ", command);
            assertEquals(2, r.exitCode(), what + ": " + r.all());
            assertEquals("", r.stdout(), what + ": nothing ran");
            // the JVM's own note on the incubating Vector API module comes first; r1j's is the one line after it
            List<String> lines = r.stderr().strip().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
            assertEquals(1, lines.size(), what + ": one line: " + r.stderr());
            assertTrue(lines.get(0).startsWith("r1j " + command.get(0) + ": backend cuda cannot run here: libcuda.so.1 not found:"
                    + " the NVIDIA driver is not installed"), what + ": " + r.stderr());
        }
        R1jCli.Result check = R1jCli.run(120, cuda, "reward", "check", "rewards/r1.reward");
        assertEquals(0, check.exitCode(), "a command without a model runs as before: " + check.all());
    }
}
