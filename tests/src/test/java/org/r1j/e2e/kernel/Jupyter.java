package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.r1j.e2e.R1jCli;

/** Jupyter from the kernel tests' point of view: Debian's Python with the Jupyter packages, and a kernelspec. */
final class Jupyter {
    /** What the tests need and how to get it (the CI script installs exactly these). */
    static final String INSTALL_HINT = "sudo apt-get install python3-jupyter-client python3-jupyter-kernel-test "
            + "python3-nbclient python3-nbformat jupyter-nbconvert chromium (or run .ci/run)";

    record Result(int exitCode, String output) {}

    private Jupyter() {}

    static Path python() {
        String configured = System.getenv("R1J_PYTHON");
        return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/python3");
    }

    static Path scripts() {
        return R1jCli.root().resolve("tests/src/test/python");
    }

    /** Skips the test loudly when something outside Maven is missing, or fails under R1J_REQUIRE_EXTERNAL=1. */
    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = what + " is missing, so this Jupyter test cannot run. Install: " + INSTALL_HINT;
        if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) {
            fail(message + " (R1J_REQUIRE_EXTERNAL=1: missing tools fail the build)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    static void requirePythonModules(String... modules) throws Exception {
        require(Files.isExecutable(python()), "Python (" + python() + ")");
        String imports = "import " + String.join(", ", modules);
        Result r = run(List.of(python().toString(), "-c", imports), Map.of(), 60);
        require(r.exitCode() == 0, "the Python modules " + String.join(", ", modules) + " (" + r.output().strip() + ")");
    }

    /** Installs the kernel with the real launcher into {@code prefix}; returns the JUPYTER_PATH entry to use. */
    static Path installKernel(Path prefix, String name) throws Exception {
        return installKernel(prefix, name, Map.of());
    }

    /** As above, installed from an environment holding {@code env} (the kernelspec keeps R1J_BACKEND and its kin). */
    static Path installKernel(Path prefix, String name, Map<String, String> env) throws Exception {
        R1jCli.Result r = R1jCli.run(600, env, "kernel", "install", "--prefix", prefix.toString(), "--name", name);
        assertEquals(0, r.exitCode(), r.all());
        Path spec = prefix.resolve("share/jupyter/kernels/" + name + "/kernel.json");
        if (!Files.isRegularFile(spec)) {
            fail("r1j kernel install did not write " + spec + ":\n" + r.all());
        }
        return prefix.resolve("share/jupyter");
    }

    /**
     * Runs {@code notebook} top to bottom on kernel {@code kernel} through run_notebook.py (R1J_QUICK=1), writes the
     * executed copy to {@code out}, and returns its summary (tables, charts, errors, text results); fails when the run
     * failed or printed no summary.
     */
    static JsonNode runNotebook(Path notebook, Path out, String kernel, Path jupyterPath) throws Exception {
        Result r = run(List.of(python().toString(), "run_notebook.py", notebook.toString(), out.toString(), "--kernel", kernel),
                Map.of("JUPYTER_PATH", jupyterPath.toString(), "R1J_QUICK", "1"), 900);
        String line = r.output().lines().filter(l -> l.startsWith("SUMMARY ")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary from run_notebook.py:\n" + r.output()));
        JsonNode summary = new ObjectMapper().readTree(line.substring("SUMMARY ".length()));
        assertEquals(0, r.exitCode(), notebook.getFileName() + " failed:\n" + summary.get("errors") + "\n" + r.output());
        return summary;
    }

    static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("r1j-jupyter", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(scripts().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
