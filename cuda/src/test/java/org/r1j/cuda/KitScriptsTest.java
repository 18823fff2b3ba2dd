package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device kit's scripts (they run first on a machine where a typo costs a GPU call): they parse, the PyTorch
 * scripts compile, and the bundle's run.sh, on this machine without a GPU, stops cleanly at the missing driver.
 * The whole bundle is not built here (scripts/device-kit.sh takes minutes: Maven, jlink, xz over ~75 MB, the CPU
 * GRPO recording); the run.sh test packs a bundle of the same layout from this build in seconds instead.
 */
class KitScriptsTest {
    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (String s : List.of("../scripts/device-kit.sh", "kit/run.sh", "kit/dry-run.sh", "src/build/build-fatbin.sh")) {
            assertTrue(Files.isExecutable(Path.of(s)), s + " is executable");
            run(List.of("bash", "-n", s));
        }
    }

    private static String python() {
        String py = System.getenv().getOrDefault("R1J_PYTHON", "python3");
        try {
            new ProcessBuilder(py, "--version").start().waitFor();
        } catch (Exception e) {
            String why = "no " + py + ": the kit's PyTorch scripts are not compiled";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) throw new AssertionError(why + " (R1J_REQUIRE_EXTERNAL=1)");
            System.err.println("SKIPPED: " + why);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
        }
        return py;
    }

    @Test
    void theTorchScriptsCompile(@TempDir Path out) throws Exception {
        String py = python();
        for (String s : List.of("kit/torch_ops.py", "../trainer/src/main/resources/r1j/bench/torch_model_bench.py"))
            run(List.of(py, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                    s, out.resolve(Path.of(s).getFileName() + "c").toString()));
    }

    /**
     * run.sh in a bundle of the kit's layout (jre.tar.xz holding a link to this JVM, lib.tar.xz with this module's
     * classes as a jar, an empty goldens.tar.xz): exit 3, one line naming the missing driver, and the few result files
     * the device tool brings back (at most 8).
     */
    @Test
    void runShStopsCleanlyWithoutAGpu(@TempDir Path tmp) throws Exception {
        Path kit = Files.createDirectories(tmp.resolve("kit")), stage = Files.createDirectories(tmp.resolve("stage"));
        Files.copy(Path.of("kit/run.sh"), kit.resolve("run.sh"));
        Files.writeString(kit.resolve("MANIFEST.txt"), "r1j device kit (KitScriptsTest's bundle)\n");
        Files.createSymbolicLink(stage.resolve("jre"), Path.of(System.getProperty("java.home")));
        Path lib = Files.createDirectories(stage.resolve("lib")), classes = Path.of("target/classes");
        try (var jar = new JarOutputStream(Files.newOutputStream(lib.resolve("cuda.jar")));
             var files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        Files.createDirectories(stage.resolve("goldens"));
        for (String t : List.of("jre", "lib", "goldens"))
            run(List.of("tar", "-C", stage.toString(), "-cJf", kit.resolve(t + ".tar.xz").toString(), t));
        Path out = tmp.resolve("results");
        ProcessBuilder pb = new ProcessBuilder("bash", kit.resolve("run.sh").toString(), out.toString()).redirectErrorStream(true);
        pb.environment().remove("R1J_CUDA_LIBRARY_PATH");
        pb.environment().remove("LD_LIBRARY_PATH");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(3, p.waitFor(), log);
        List<String> lines = log.lines().filter(l -> l.startsWith("r1j device kit: no usable GPU here")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).contains("libcuda.so.1 not found") && lines.get(0).endsWith("(exit 3)"), lines.get(0));
        try (var files = Files.list(out)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.containsAll(List.of("details.tar.gz", "results.json", "run.log", "summary.md")), names.toString());
            assertTrue(names.size() <= 8, "the device tool brings back 8 files: " + names);
        }
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"exit\": 3"));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("No usable GPU"));
    }
}
