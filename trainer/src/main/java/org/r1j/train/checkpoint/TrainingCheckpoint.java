package org.r1j.train.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.r1j.io.AtomicFiles;
import org.r1j.model.CausalLM;
import org.r1j.model.Parameters;
import org.r1j.model.io.HostArray;
import org.r1j.model.io.Safetensors;
import org.r1j.optim.AdamW;

/**
 * Complete, atomic training checkpoints under {@code <run>/checkpoints/}:
 * <pre>
 *   step-000012/model.safetensors       policy weights (Hugging Face names)
 *   step-000012/optimizer.safetensors   AdamW moments and step count
 *   step-000012/ref_model.safetensors   reference model (GRPO with beta > 0 only)
 *   step-000012/trainer_state.json      step, data position, counters, seed, settings
 *   latest                              name of the newest complete checkpoint
 * </pre>
 * A checkpoint is written into a hidden temporary folder, renamed into place, and only then named in
 * {@code latest} (itself replaced atomically): a run killed at any moment leaves {@code latest} pointing at a
 * complete checkpoint. The two newest are kept.
 */
public final class TrainingCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int KEEP = 2;

    private TrainingCheckpoint() {}

    public static Path dir(Path runDir) {
        return runDir.resolve("checkpoints");
    }

    /** Writes a checkpoint and returns its folder. */
    public static Path save(Path runDir, TrainerState state, CausalLM policy, AdamW optimizer, CausalLM ref) {
        boolean interrupted = Thread.interrupted(); // NIO writes fail on an interrupted thread; restore it after
        try {
            Path root = dir(runDir);
            Files.createDirectories(root);
            String name = String.format("step-%06d", state.step());
            Path tmp = Files.createTempDirectory(root, ".tmp-" + name);
            Safetensors.write(tmp.resolve("model.safetensors"), weights(policy.parameters()), Map.of("format", "pt"));
            if (optimizer != null) Safetensors.write(tmp.resolve("optimizer.safetensors"), optimizer.stateDict());
            if (ref != null) Safetensors.write(tmp.resolve("ref_model.safetensors"), weights(ref.parameters()), Map.of("format", "pt"));
            JSON.writeValue(tmp.resolve("trainer_state.json").toFile(), state);
            Path target = root.resolve(name);
            deleteTree(target);
            Files.move(tmp, target);
            AtomicFiles.writeString(root.resolve("latest"), name + "\n");
            prune(root, name);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + runDir + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The newest complete checkpoint of a run, if any. */
    public static Optional<Path> latest(Path runDir) {
        Path pointer = dir(runDir).resolve("latest");
        if (!Files.exists(pointer)) return Optional.empty();
        try {
            Path cp = dir(runDir).resolve(Files.readString(pointer).trim());
            if (!Files.exists(cp.resolve("trainer_state.json"))) {
                throw new IllegalStateException(pointer + " names " + cp.getFileName() + ", which is incomplete or missing");
            }
            return Optional.of(cp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** Reads only the state file of a checkpoint. */
    public static TrainerState readState(Path checkpoint) {
        try {
            return JSON.readValue(checkpoint.resolve("trainer_state.json").toFile(), TrainerState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpoint.resolve("trainer_state.json") + ": " + e.getMessage(), e);
        }
    }

    /** Loads a checkpoint into existing objects (same architecture) and returns its state. */
    public static TrainerState load(Path checkpoint, CausalLM policy, AdamW optimizer, CausalLM ref) {
        TrainerState state = readState(checkpoint);
        assign(checkpoint.resolve("model.safetensors"), policy.parameters());
        if (optimizer != null) {
            Path opt = checkpoint.resolve("optimizer.safetensors");
            if (!Files.exists(opt)) throw new IllegalStateException(checkpoint + " has no optimizer.safetensors to resume from");
            optimizer.loadStateDict(Safetensors.read(opt).tensors());
        }
        if (ref != null) {
            Path r = checkpoint.resolve("ref_model.safetensors");
            assign(Files.exists(r) ? r : checkpoint.resolve("model.safetensors"), ref.parameters());
        }
        return state;
    }

    private static Map<String, HostArray> weights(Parameters p) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (String n : p.names()) out.put(n, p.hostWeight(n));
        return out;
    }

    private static void assign(Path file, Parameters p) {
        Map<String, HostArray> saved = Safetensors.read(file).tensors();
        for (String n : p.names()) {
            HostArray t = saved.get(n);
            if (t == null) throw new IllegalStateException(file + " has no tensor '" + n + "'; was it written for another model?");
            long[] shape = p.weight(n).shape();
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalStateException(file + ": tensor '" + n + "' has shape " + Arrays.toString(t.shape())
                        + ", the model has " + Arrays.toString(shape));
            }
            p.assignHost(n, t);
        }
    }

    private static void prune(Path root, String newest) throws IOException {
        List<Path> steps;
        try (Stream<Path> s = Files.list(root)) {
            steps = s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted(Comparator.reverseOrder()).toList();
        }
        for (int i = KEEP; i < steps.size(); i++) {
            if (!steps.get(i).getFileName().toString().equals(newest)) deleteTree(steps.get(i));
        }
        try (Stream<Path> s = Files.list(root)) { // temporary folders of writes that were killed
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) deleteTree(p);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
