package org.r1j.kernel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernelspec Jupyter starts the kernel from: this JVM's java, JVM options (heap, GC, JavaCPP memory limits,
 * r1j.root) and classpath, and the native settings the launcher chose (OMP_NUM_THREADS, OPENBLAS_CORETYPE).
 */
public record KernelSpec(List<String> argv, String displayName, Map<String, String> env) {
    /** Environment variables carried into the kernel: the launcher's native settings. */
    static final List<String> CARRIED_ENV = List.of("OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "R1J_BACKEND", "R1J_CUDA_DTYPE",
            "R1J_CUDA_LIBRARY_PATH", "JAVA_HOME");

    /** A spec that starts the kernel exactly as this process was started (by ./r1j). */
    public static KernelSpec ofThisJvm(String displayName) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // debugger/agent options belong to this process only
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
                argv.add(option);
            }
        }
        argv.add("-cp");
        argv.add(absoluteClasspath(System.getProperty("java.class.path")));
        argv.addAll(List.of("org.r1j.cli.Main", "kernel", "run", "{connection_file}"));
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : CARRIED_ENV) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return new KernelSpec(argv, displayName, env);
    }

    /** Jupyter starts kernels in the notebook's folder: relative entries would break there. */
    static String absoluteClasspath(String classpath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv);
        json.put("display_name", displayName);
        json.put("language", "java");
        json.put("interrupt_mode", "message"); // interrupt_request on the control channel, not SIGINT
        json.put("env", env);
        json.put("metadata", Map.of("debugger", false));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code dir/kernel.json} (creating {@code dir}); returns the file. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, toJson());
        return file;
    }

    /** Where Jupyter looks for per-user kernels: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter (Linux). */
    public static Path userKernelsDir() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return home.resolve("Library/Jupyter/kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter/kernels");
    }

    /** {@code PREFIX/share/jupyter/kernels}, as {@code jupyter kernelspec install --prefix} uses. */
    public static Path prefixKernelsDir(Path prefix) {
        return prefix.resolve("share/jupyter/kernels");
    }
}
