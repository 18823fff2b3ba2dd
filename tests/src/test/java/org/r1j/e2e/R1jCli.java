package org.r1j.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real `./r1j` launcher from the repository root, as a user would. */
public final class R1jCli {
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() { return stdout + stderr; }
    }

    private R1jCli() {}

    public static Path root() {
        return Path.of(System.getProperty("r1j.root", "..")).toAbsolutePath().normalize();
    }

    public static Result run(long timeoutSeconds, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("r1j").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("r1j-out", ".txt");
        Path err = Files.createTempFile("r1j-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("r1j " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        return run(600, Map.of(), args);
    }
}
