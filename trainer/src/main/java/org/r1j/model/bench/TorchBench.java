package org.r1j.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code r1j/bench/torch_model_bench.py} at one thread setting with Debian's PyTorch (or on a GPU, for the
 * device kit) and reads its one-line JSON result.
 */
public final class TorchBench {
    /** The PyTorch numbers, or why there are none. */
    public record Outcome(JsonNode result, String skipReason) {}

    static String python() {
        String env = System.getenv("R1J_PYTHON");
        return env == null || env.isBlank() ? "/usr/bin/python3" : env;
    }

    static Outcome run(ModelBench.Setup s, TorchSetting setting) {
        return run(s, setting.torchThreads(), setting::applyTo, List.of(), 30);
    }

    /**
     * The same work on a GPU ({@code bench model} on a device backend, the device kit): {@code --device cuda},
     * synchronised timing, peak device memory, at r1j's GEMM precision: f32 = FP32 products ("highest"), tf32 =
     * TF32 ("high"), bf16 = forward passes under torch.autocast(bfloat16), as r1j's bf16 GEMMs accumulate in f32.
     */
    public static Outcome onDevice(ModelBench.Setup s, String device, String gemmPrecision, int timeoutMinutes) {
        String matmul = switch (gemmPrecision) {
            case "f32", "bf16" -> "highest";
            case "tf32" -> "high";
            default -> throw new IllegalArgumentException("GEMM precision f32, tf32 or bf16, got '" + gemmPrecision + "'");
        };
        return run(s, 1, env -> { }, List.of("--device", device, "--matmul-precision", matmul,
                "--autocast", gemmPrecision.equals("bf16") ? "bf16" : "off"), timeoutMinutes);
    }

    private static Outcome run(ModelBench.Setup s, int threads, java.util.function.Consumer<java.util.Map<String, String>> env,
                               List<String> extra, int timeoutMinutes) {
        String py = python();
        if (!Files.isExecutable(Path.of(py)))
            return new Outcome(null, py + " not found (set R1J_PYTHON, or: apt-get install python3-torch)");
        Path script;
        try (InputStream in = TorchBench.class.getResourceAsStream("/r1j/bench/torch_model_bench.py")) {
            if (in == null) return new Outcome(null, "resource r1j/bench/torch_model_bench.py missing from the build");
            script = Files.createTempFile("r1j-torch-bench", ".py");
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            return new Outcome(null, "cannot write the PyTorch script: " + e.getMessage());
        }
        var c = s.config();
        List<String> cmd = new ArrayList<>(List.of(py, script.toString(),
                "--vocab", "" + c.vocabSize(), "--hidden", "" + c.hiddenSize(), "--inter", "" + c.intermediateSize(),
                "--layers", "" + c.numHiddenLayers(), "--heads", "" + c.numAttentionHeads(),
                "--kv-heads", "" + c.numKeyValueHeads(), "--max-pos", "" + c.maxPositionEmbeddings(),
                "--batch", "" + s.batch(), "--seq", "" + s.seqLen(), "--train-steps", "" + s.trainSteps(),
                "--gen-batch", "" + s.genBatch(), "--prompt-len", "" + s.promptLen(),
                "--new-tokens", "" + s.newTokens(), "--warmup-tokens", "" + ModelBench.warmupTokens(s), "--gen-repeats", "" + s.genRepeats(), "--threads", "" + threads, "--seed", "" + s.seed()));
        cmd.addAll(extra);
        Path log = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            // OPENBLAS_CORETYPE is set for ND4J's bundled OpenBLAS 0.3.19, which mis-detects this CPU; Debian's
            // newer OpenBLAS under torch detects it, and forcing Haswell kernels there would handicap PyTorch.
            pb.environment().remove("OPENBLAS_CORETYPE");
            // not inherited from the launcher either: its OMP_NUM_THREADS=1 is r1j's choice, and held OpenBLAS under
            // torch to one thread whatever torch's own count was
            env.accept(pb.environment());
            // output to a file, not a pipe read to its end first: that read would block on a hung run and the
            // time limit below would never be reached
            log = Files.createTempFile("r1j-torch-bench", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(null, "PyTorch run timed out after " + timeoutMinutes + " min");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                if (out.contains("No module named 'torch'"))
                    return new Outcome(null, py + " has no torch module (apt-get install python3-torch, or set R1J_PYTHON)");
                return new Outcome(null, "PyTorch run failed (exit " + p.exitValue() + "): " + lastLine(out));
            }
            return new Outcome(new ObjectMapper().readTree(lastLine(out)), null);
        } catch (IOException e) {
            return new Outcome(null, "cannot run " + py + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } finally {
            try { Files.deleteIfExists(script); if (log != null) Files.deleteIfExists(log); } catch (IOException ignored) { }
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
