package org.r1j.cli;

import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backends;

/**
 * A command that runs a model on a device backend ({@code R1J_BACKEND=cuda}) opens that backend before it starts its
 * work, so a machine without the driver, the device or a library fails at once with the backend's one line, not
 * after minutes of data preparation. CPU backends have nothing to open; commands without a model are left alone.
 */
final class BackendPreflight {
    /** Commands (and, after "bench"/"spark", subcommands) that build a model. */
    private static final Set<String> MODEL_COMMANDS = Set.of("demo", "train", "sweep", "eval", "generate", "logprobs",
            "init-model");
    private static final Set<String> MODEL_BENCHES = Set.of("model", "grpo");
    private static final Set<String> MODEL_SPARK_JOBS = Set.of("eval", "rejection", "distill");

    private BackendPreflight() {}

    /** Null when the command may start, else the one line saying why the chosen backend cannot run here. */
    static String check(String[] args) {
        String backend = Backends.defaultName();
        if (Backends.isCpu(backend) || !needsModel(args)) return null;
        try {
            Backends.select(backend, DataType.FLOAT);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static boolean needsModel(String[] args) {
        if (args.length == 0) return false;
        for (String a : args) if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) return false;
        String sub = args.length > 1 ? args[1] : "";
        return switch (args[0]) {
            case "bench" -> MODEL_BENCHES.contains(sub);
            case "spark" -> MODEL_SPARK_JOBS.contains(sub);
            default -> MODEL_COMMANDS.contains(args[0]);
        };
    }
}
