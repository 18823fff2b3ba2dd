package org.r1j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private static final List<String> COMMANDS =
            List.of("demo", "reward", "generate", "logprobs", "train", "eval", "bench", "kernel", "notebook", "init-model");

    @Test
    void helpListsEveryCommandWithADescription() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        for (String command : COMMANDS) {
            assertTrue(out.toString().lines().anyMatch(l -> l.strip().startsWith(command + " ")),
                    "--help should list " + command + ":\n" + out);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : COMMANDS) {
            CommandLine cli = Main.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            assertEquals(0, cli.execute(command, "--help"), command + " --help");
            assertTrue(out.toString().contains("Usage: r1j " + command), out.toString());
        }
    }

    @Test
    void unknownCommandFailsWithUsage() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("no-such-command"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    }
}
