package org.r1j.model.bench;

import java.util.concurrent.Callable;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Backends;

/** `r1j bench model`: training and generation tokens/s and memory, then the same work in PyTorch, and the ratio. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Training and generation tokens/s and memory, side by side with PyTorch.")
public final class ModelBenchCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "small", description = "model preset: tiny or small (default ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--vocab", defaultValue = "512", description = "vocabulary size (default ${DEFAULT-VALUE})")
    int vocab;

    @Option(names = "--batch", defaultValue = "16", description = "training batch rows (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seq", defaultValue = "256", description = "training sequence length (default ${DEFAULT-VALUE})")
    int seq;

    @Option(names = "--steps", defaultValue = "3", description = "timed training steps, after one warm-up (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--gen-batch", defaultValue = "16", description = "generation batch rows (default ${DEFAULT-VALUE})")
    int genBatch;

    @Option(names = "--prompt-len", defaultValue = "32", description = "generation prompt length (default ${DEFAULT-VALUE})")
    int promptLen;

    @Option(names = "--new-tokens", defaultValue = "128", description = "tokens generated per row (default ${DEFAULT-VALUE})")
    int newTokens;

    @Option(names = "--gen-repeats", defaultValue = "3",
            description = "timed generation runs, after one warm-up; the best and the mean are reported (default ${DEFAULT-VALUE})")
    int genRepeats;

    @Option(names = "--backend", defaultValue = "auto",
            description = "r1j's model backend: nd4j (ND4J ops, the reference), simd (Java Vector API kernels), or auto"
                    + " (simd where this JVM can run it; default ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--no-torch", description = "skip the PyTorch comparison")
    boolean noTorch;

    @Option(names = "--profile", description = "print r1j's time per section (thread CPU and wall) for training and generation")
    boolean profile;

    @Override
    public Integer call() {
        ModelConfig c;
        try {
            c = ModelPresets.byName(config, vocab);
        } catch (IllegalArgumentException e) {
            System.err.println("r1j bench model: " + e.getMessage());
            return 2;
        }
        if (batch < 1 || seq < 2 || steps < 1 || genBatch < 1 || promptLen < 1 || newTokens < 1 || genRepeats < 1
                || seq > c.maxPositionEmbeddings() || promptLen + newTokens > c.maxPositionEmbeddings()) {
            System.err.println("r1j bench model: need batch, steps, gen-batch, prompt-len, new-tokens, gen-repeats >= 1, seq >= 2, and"
                    + " seq and prompt-len + new-tokens <= " + c.maxPositionEmbeddings() + " positions");
            return 2;
        }
        Backend be;
        try {
            be = Backends.select(backend, DataType.FLOAT);
        } catch (IllegalArgumentException e) {
            System.err.println("r1j bench model: " + e.getMessage());
            return 2;
        }
        int threads = threads();
        var setup = new ModelBench.Setup(c, batch, seq, steps, genBatch, promptLen, newTokens, genRepeats, 1);
        System.out.printf("model: %s (hidden %d, %d layers, %d heads / %d KV, intermediate %d, vocab %d), %.2fM params%n",
                config, c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(), c.numKeyValueHeads(),
                c.intermediateSize(), c.vocabSize(), new org.r1j.model.ParamLayout(c).total() / 1e6);
        System.out.printf("work: train B=%d T=%d x %d steps (fwd+bwd+AdamW); generate B=%d, prompt %d, %d new tokens (greedy, KV cache)"
                + " x %d runs; each after a warm-up; both sides report the mean and the best (least disturbed) run%n",
                batch, seq, steps, genBatch, promptLen, newTokens, genRepeats);
        System.out.printf("threads: OMP_NUM_THREADS=%d, OPENBLAS_CORETYPE=%s; backend: %s%n", threads,
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(auto)"), be.name());
        ModelBench bench = new ModelBench(profile, be);
        ModelBench.Result r = bench.run(setup);
        System.out.printf("load average before: %s%n", loadAverage());
        System.out.printf("r1j     train %8.0f tokens/s (%.0f ms/step, best %.0f, %.0f ms CPU)   generate %8.0f tokens/s (%.0f ms, best %.0f, %.0f ms CPU)%n",
                r.trainTokensPerSec(), r.trainStepMs(), r.trainStepBestMs(), r.trainCpuMs(), r.genTokensPerSec(), r.genMs(),
                r.genBestMs(), r.genCpuMs());
        // ND4J allocates its buffers natively, outside JavaCPP's Pointer accounting, so RSS is the off-heap measure
        System.out.printf("r1j     memory: peak heap %s, peak process RSS %s (heap + ND4J off-heap + JVM)%s%n",
                mb(r.peakHeap()), mb(r.peakPhysical()),
                r.peakJavacpp() > 0 ? ", JavaCPP-tracked " + mb(r.peakJavacpp()) : "");
        if (profile) {
            System.out.print("r1j training profile:\n" + bench.trainProfile());
            System.out.print("r1j generation profile:\n" + bench.genProfile());
        }
        if (noTorch) {
            System.out.println("pytorch skipped (--no-torch)");
            return 0;
        }
        TorchBench.Outcome t = TorchBench.run(setup, threads);
        if (t.result() == null) {
            System.out.println("pytorch SKIPPED: " + t.skipReason());
            return 0;
        }
        var j = t.result();
        double tt = j.get("train_tokens_per_s").asDouble(), tg = j.get("gen_tokens_per_s").asDouble();
        double tCpu = j.get("train_step_cpu_ms").asDouble(), gCpu = j.get("gen_cpu_ms").asDouble();
        double tBest = j.get("train_step_best_ms").asDouble(), gBest = j.get("gen_best_ms").asDouble();
        System.out.printf("pytorch train %8.0f tokens/s (%.0f ms/step, best %.0f, %.0f ms CPU)   generate %8.0f tokens/s (%.0f ms, best %.0f, %.0f ms CPU)   [torch %s, %d threads]%n",
                tt, j.get("train_step_ms").asDouble(), tBest, tCpu, tg, j.get("gen_ms").asDouble(), gBest, gCpu,
                j.get("torch").asText(), j.get("threads").asInt());
        System.out.printf("pytorch memory: peak process RSS %s%n", mb(j.get("peak_rss_bytes").asLong()));
        System.out.printf("ratio r1j/pytorch (wall tokens/s, mean): train %.2f   generate %.2f%n", r.trainTokensPerSec() / tt,
                r.genTokensPerSec() / tg);
        System.out.printf("ratio r1j/pytorch (wall tokens/s, best run): train %.2f   generate %.2f%n",
                tBest / r.trainStepBestMs(), gBest / r.genBestMs());
        System.out.printf("ratio r1j/pytorch (by process CPU time, which for r1j includes the JIT compiler's threads):"
                + " train %.2f   generate %.2f%n",
                tCpu / r.trainCpuMs(), gCpu / r.genCpuMs());
        return 0;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static int threads() {
        try {
            return Math.max(1, Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }
}
