package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden-file comparison: one baseline per test method in
 * {@code src/test/resources/baselines/<TestClass>/<method>.baseline}. Run with {@code R1J_REWRITE_BASELINES=1} to
 * (re)write them after an intended change, then review the diff.
 */
public final class Baselines {
    public static final String REWRITE_ENV = "R1J_REWRITE_BASELINES";

    private Baselines() {}

    public static void assertMatches(TestInfo info, String actual) {
        String cls = info.getTestClass().orElseThrow().getSimpleName();
        String method = info.getTestMethod().orElseThrow().getName();
        Path file = Path.of("src/test/resources/baselines", cls, method + ".baseline");
        String normalized = actual.replace("\r\n", "\n").stripTrailing() + "\n";
        try {
            if ("1".equals(System.getenv(REWRITE_ENV))) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, normalized, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("missing baseline " + file + "; run with " + REWRITE_ENV + "=1 to create it. Actual:\n" + normalized);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), normalized, "baseline " + file
                    + " differs (" + REWRITE_ENV + "=1 rewrites it)");
        } catch (IOException e) {
            throw new AssertionError("cannot read/write " + file, e);
        }
    }
}
