package org.r1j.cuda.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Backends;
import org.r1j.model.bench.ModelBench;
import org.r1j.model.bench.TorchBench;
import org.r1j.model.bench.TrainFlops;

/**
 * The device kit's model benchmark: trainer's {@code bench model} work ({@link ModelBench}: forward + backward +
 * AdamW training steps on random tokens, greedy batched generation with a KV cache) on r1j's cuda backend, and the
 * same work in PyTorch eager on the same GPU ({@code torch_model_bench.py --device cuda}), for the {@code small}
 * preset and a Qwen2.5-0.5B-shaped random model. Each side is its own process (the kit gives each a time limit);
 * {@code report} puts them side by side.
 *
 * <p>{@code --precision f32} (the default): both sides compute in f32 with FP32 matrix products (r1j's cuBLAS calls
 * use CUBLAS_COMPUTE_32F; PyTorch runs with {@code set_float32_matmul_precision("highest")}), and MFU is against the
 * H200's dense FP32 peak. {@code tf32}: TF32 products on both sides ({@code -Dr1j.cuda.dtype=tf32}; "high"), against
 * the TF32 peak. {@code bf16}: r1j's bf16 weight GEMMs with f32 accumulation ({@code -Dr1j.cuda.dtype=bf16}; its
 * attention products stay f32) vs PyTorch under {@code torch.autocast(dtype=bfloat16)}, against the bf16 peak.
 * FLOPs per token: {@link TrainFlops} (6·N + 12·L·d·T).
 *
 * <p>Usage: {@code ModelBenchOnDevice run --preset small|qwen2.5-0.5b --side r1j|torch --out FILE.json [--backend
 * cuda] [--torch-device cuda] [--shrink]} and {@code ModelBenchOnDevice report --in DIR --out DIR}. {@code --shrink} replaces the sizes
 * by a few rows of a few tokens (the kit's dry run on the host stand-in for libcuda).
 */
public final class ModelBenchOnDevice {
    /** H200 SXM dense peaks (NVIDIA's data sheet), FLOP/s. */
    static final double PEAK_FP32 = 67e12, PEAK_TF32 = 494e12, PEAK_BF16 = 989e12;
    static final List<String> PRESETS = List.of("small", "qwen2.5-0.5b");
    /** The report's rows: preset, and "-bf16"/"-tf32" when not f32 (the sides' files are {side}-{row}.json). */
    static final List<String> ROWS = List.of("small", "qwen2.5-0.5b", "qwen2.5-0.5b-bf16");

    /** The peak a precision's MFU is against (FLOP/s). */
    static double peak(String precision) {
        return switch (precision) {
            case "f32" -> PEAK_FP32;
            case "tf32" -> PEAK_TF32;
            case "bf16" -> PEAK_BF16;
            default -> throw new IllegalArgumentException("unknown precision '" + precision + "' (f32, tf32, bf16)");
        };
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelBenchOnDevice() {}

    /** The work for a preset: the sizes, or a few rows of a few tokens (shrunk). */
    static ModelBench.Setup setup(String preset, boolean shrink) {
        ModelConfig c = switch (preset) {
            case "small" -> shrink ? ModelPresets.small(64) : ModelPresets.small(512);
            // Qwen2.5-0.5B's shape: hidden 896, 24 layers, 14 heads / 2 KV, intermediate 4864, vocab 151,936, theta 1e6
            case "qwen2.5-0.5b" -> shrink ? new ModelConfig(300, 56, 64, 2, 14, 2, 1e-6, 1e6, 64, true, true, "qwen2", -1, -1)
                    : ModelPresets.qwen25Half(ModelPresets.QWEN25_VOCAB);
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "' (known: " + PRESETS + ")");
        };
        if (shrink) return new ModelBench.Setup(c, 2, 8, 1, 2, 4, 4, 1, 1);
        // training: 4,096 tokens a step for both; generation: batch 64, 256 new tokens after a 32-token prompt
        return preset.equals("small") ? new ModelBench.Setup(c, 16, 256, 5, 64, 32, 256, 2, 1)
                : new ModelBench.Setup(c, 8, 512, 3, 64, 32, 256, 1, 1);
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "", preset = null, side = null, out = null, in = null, backend = "cuda", torchDevice = "cuda", precision = "f32";
        boolean shrink = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--preset" -> preset = args[++i];
                case "--side" -> side = args[++i];
                case "--out" -> out = args[++i];
                case "--in" -> in = args[++i];
                case "--backend" -> backend = args[++i];
                case "--torch-device" -> torchDevice = args[++i];
                case "--precision" -> precision = args[++i];
                case "--shrink" -> shrink = true;
                default -> usage();
            }
        }
        if (mode.equals("report") && in != null && out != null) {
            System.out.print(report(Path.of(in), Path.of(out)));
            return;
        }
        if (!mode.equals("run") || preset == null || side == null || out == null) usage();
        ModelBench.Setup s = setup(preset, shrink);
        peak(precision);
        ObjectNode r = side.equals("r1j") ? r1j(s, backend, precision) : side.equals("torch") ? torch(s, torchDevice, precision) : null;
        if (r == null) usage();
        r.put("preset", preset);
        r.put("shrunk", shrink);
        Files.writeString(Path.of(out), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        System.out.println(JSON.writeValueAsString(r));
        if (r.has("error")) System.exit(r.get("error").asText().contains("cannot run here") ? 3 : 1);
    }

    private static void usage() {
        System.err.println("usage: ModelBenchOnDevice run --preset small|qwen2.5-0.5b --side r1j|torch --out FILE.json [--backend cuda] [--torch-device cuda] [--precision f32|tf32|bf16] [--shrink]\n"
                + "       ModelBenchOnDevice report --in DIR --out DIR");
        System.exit(2);
    }

    static ObjectNode r1j(ModelBench.Setup s, String backendName, String precision) {
        ObjectNode o = describe(s, "r1j", precision);
        Backend be;
        System.setProperty("r1j.cuda.dtype", precision);   // the cuda backend's GEMM precision (GemmPrecision)
        try {
            be = Backends.select(backendName, DataType.FLOAT);
        } catch (IllegalArgumentException e) {
            o.put("error", e.getMessage());
            return o;
        }
        o.put("backend", be.name());
        try {
            ModelBench.Result r = new ModelBench(false, be).run(s);
            rates(o, s, precision, r.trainTokensPerSec(), r.trainStepMs(), r.trainStepBestMs(), r.genTokensPerSec(), r.genMs(), r.genBestMs());
            o.put("peak_device_bytes", be.onDevice() ? r.peakDevice() : null);
            o.put("peak_device_memory_from", be.onDevice() ? "r1j's caching allocator (peak bytes held)" : "n/a (host backend)");
        } catch (RuntimeException | LinkageError e) {   // LinkageError: a class the bundle's class path lacks
            o.put("error", rootCause(e));
        }
        return o;
    }

    static ObjectNode torch(ModelBench.Setup s, String device, String precision) {
        ObjectNode o = describe(s, "pytorch", precision);
        TorchBench.Outcome t = TorchBench.onDevice(s, device, precision, 10);
        if (t.result() == null) {
            o.put("error", t.skipReason());
            return o;
        }
        JsonNode j = t.result();
        o.put("torch", j.path("torch").asText());
        o.put("device", j.path("device").asText());
        rates(o, s, precision, j.get("train_tokens_per_s").asDouble(), j.get("train_step_ms").asDouble(), j.get("train_step_best_ms").asDouble(),
                j.get("gen_tokens_per_s").asDouble(), j.get("gen_ms").asDouble(), j.get("gen_best_ms").asDouble());
        o.set("peak_device_bytes", j.get("peak_device_bytes"));
        o.put("peak_device_memory_from", "torch.cuda.max_memory_allocated()");
        return o;
    }

    /** The innermost cause, as "Type: message" (an ExceptionInInitializerError's own message is null). */
    static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return (c == e ? "" : e.getClass().getSimpleName() + " caused by ") + c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private static ObjectNode describe(ModelBench.Setup s, String side, String precision) {
        ModelConfig c = s.config();
        ObjectNode o = JSON.createObjectNode();
        o.put("side", side);
        o.put("model", String.format(Locale.ROOT, "hidden %d, %d layers, %d heads / %d KV, intermediate %d, vocab %d",
                c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(), c.numKeyValueHeads(), c.intermediateSize(), c.vocabSize()));
        o.put("precision", precision);
        o.put("work", String.format(Locale.ROOT, "train B=%d T=%d x %d steps after 1 warm-up (fwd+bwd+AdamW, f32 weights, " + precision + " products);"
                        + " generate B=%d, prompt %d, %d new tokens (greedy, KV cache) x %d after a warm-up", s.batch(), s.seqLen(),
                s.trainSteps(), s.genBatch(), s.promptLen(), s.newTokens(), s.genRepeats()));
        o.put("train_flops_per_token", TrainFlops.perToken(c, s.seqLen()));
        o.put("flops_formula", "6*N + 12*L*d*T, N = weights in matrix products incl. the tied LM head (PaLM appendix B)");
        return o;
    }

    private static void rates(ObjectNode o, ModelBench.Setup s, String precision, double trainTps, double stepMs, double stepBestMs,
                              double genTps, double genMs, double genBestMs) {
        o.put("train_tokens_per_s", trainTps);
        o.put("train_step_ms", stepMs);
        o.put("train_step_best_ms", stepBestMs);
        o.put("mfu", TrainFlops.mfu(s.config(), s.seqLen(), trainTps, peak(precision)));
        o.put("mfu_peak_flops", peak(precision));
        o.put("gen_tokens_per_s", genTps);
        o.put("gen_ms", genMs);
        o.put("gen_best_ms", genBestMs);
    }

    /** bench.md and bench.json from the sides' files in dir ({side}-{preset}.json); the ratios come last. */
    static String report(Path dir, Path out) throws IOException {
        StringBuilder md = new StringBuilder("# Model benchmark on the device: r1j (cuda backend) and PyTorch eager, same GPU\n\n");
        md.append(String.format(Locale.ROOT, "f32 weights and AdamW on both sides; matrix products in each row's precision (f32: FP32 on"
                + " both sides; bf16: r1j's bf16 weight GEMMs with f32 accumulation, attention in f32, vs PyTorch autocast bf16)."
                + " MFU = training tokens/s x FLOPs/token / the H200's dense peak for that precision (FP32 %.0f, TF32 %.0f, bf16 %.0f"
                + " TFLOP/s); FLOPs/token = 6*N + 12*L*d*T (PaLM appendix B).%n%n", PEAK_FP32 / 1e12, PEAK_TF32 / 1e12, PEAK_BF16 / 1e12));
        md.append("| row | side | train tokens/s | step ms (best) | MFU | generate tokens/s | gen ms (best) | peak device memory |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        ObjectNode all = JSON.createObjectNode();
        all.put("peak_fp32_flops", PEAK_FP32);
        all.put("peak_tf32_flops", PEAK_TF32);
        all.put("peak_bf16_flops", PEAK_BF16);
        ArrayNode ratios = all.putArray("ratios");
        StringBuilder ratioMd = new StringBuilder("\n## r1j / PyTorch (above 1: r1j is faster or, for memory, uses more)\n\n"
                + "| row | training tokens/s | generation tokens/s | peak device memory |\n| --- | --- | --- | --- |\n");
        for (String preset : ROWS) {
            JsonNode r = read(dir.resolve("r1j-" + preset + ".json")), t = read(dir.resolve("torch-" + preset + ".json"));
            all.set("r1j-" + preset, r);
            all.set("torch-" + preset, t);
            if (r.path("shrunk").asBoolean() || t.path("shrunk").asBoolean())
                md.append("| ").append(preset).append(" | (shrunk sizes: a dry run, not a benchmark) | | | | | | |\n");
            for (JsonNode side : new JsonNode[] {r, t}) {
                String name = side == r ? "r1j" : "pytorch";
                if (side.has("error") || !side.has("train_tokens_per_s")) {
                    md.append("| ").append(preset).append(" | ").append(name).append(" | ")
                            .append(side.path("error").asText("no result")).append(" | | | | | |\n");
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.1f (%.1f) | %.2f%% of %.0f T | %.0f | %.0f (%.0f) | %s |%n", preset, name,
                        side.get("train_tokens_per_s").asDouble(), side.get("train_step_ms").asDouble(), side.get("train_step_best_ms").asDouble(),
                        100 * side.get("mfu").asDouble(), side.get("mfu_peak_flops").asDouble() / 1e12, side.get("gen_tokens_per_s").asDouble(), side.get("gen_ms").asDouble(),
                        side.get("gen_best_ms").asDouble(), mib(side.get("peak_device_bytes"))));
            }
            ObjectNode q = ratios.addObject();
            q.put("preset", preset);
            String train = ratio(q, "train_tokens_per_s", r, t), gen = ratio(q, "gen_tokens_per_s", r, t), mem = ratio(q, "peak_device_bytes", r, t);
            ratioMd.append("| ").append(preset).append(" | ").append(train).append(" | ").append(gen).append(" | ").append(mem).append(" |\n");
        }
        md.append(ratioMd);
        Files.createDirectories(out);
        Files.writeString(out.resolve("bench.md"), md.toString());
        Files.writeString(out.resolve("bench.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        return md.toString();
    }

    private static String ratio(ObjectNode q, String key, JsonNode r, JsonNode t) {
        JsonNode a = r.get(key), b = t.get(key);
        if (a == null || b == null || !a.isNumber() || !b.isNumber() || b.asDouble() == 0) {
            q.putNull(key);
            return "n/a";
        }
        double x = a.asDouble() / b.asDouble();
        q.put(key, x);
        return String.format(Locale.ROOT, "%.2fx", x);
    }

    private static JsonNode read(Path f) {
        try {
            return Files.exists(f) ? JSON.readTree(f.toFile()) : JSON.createObjectNode().put("error", f.getFileName() + " missing (the step did not finish)");
        } catch (IOException e) {
            return JSON.createObjectNode().put("error", "cannot read " + f.getFileName() + ": " + e.getMessage());
        }
    }

    private static String mib(JsonNode bytes) {
        return bytes == null || !bytes.isNumber() ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes.asDouble() / (1 << 20));
    }
}
