package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's scripts parse (they run first on a machine where a typo costs a GPU call). */
class KitScriptsTest {
    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (String s : List.of("kit/build-kit.sh", "kit/run-on-device.sh", "src/build/build-fatbin.sh")) {
            assertTrue(Files.isExecutable(Path.of(s)), s + " is executable");
            run(List.of("bash", "-n", s));
        }
    }

    @Test
    void theTorchScriptCompiles() throws Exception {
        String py = System.getenv().getOrDefault("R1J_PYTHON", "python3");
        try {
            new ProcessBuilder(py, "--version").start().waitFor();
        } catch (java.io.IOException e) {
            String why = "no " + py + ": the kit's PyTorch script is not compiled";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) throw new AssertionError(why + " (R1J_REQUIRE_EXTERNAL=1)");
            System.err.println("SKIPPED: " + why);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
        }
        Path out = Files.createTempDirectory("r1j-pyc");
        run(List.of(py, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                "kit/torch_ops.py", out.resolve("torch_ops.pyc").toString()));
    }
}
