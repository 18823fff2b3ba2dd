package org.r1j.model.bench;

import java.util.List;
import java.util.concurrent.Callable;
import org.r1j.model.ModelConfig;
import org.r1j.model.ModelPresets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Backends;

/**
 * `r1j bench model`: training and generation tokens/s and memory, then the same work in PyTorch at several thread
 * settings, and the ratio against PyTorch's best. On a device backend (cuda) PyTorch runs once on the same GPU at the
 * same GEMM precision, clocks read after a device synchronise on both sides, and memory is the device's peak.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Training and generation tokens/s and memory, side by side with PyTorch: on the CPU at several thread"
                + " settings, on a GPU (R1J_BACKEND=cuda) once on the same device at the same GEMM precision.")
public final class ModelBenchCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "small",
            description = "model preset: tiny, small, or qwen2.5-0.5b (Qwen2.5-0.5B's shape, ~494M parameters: a GPU size) (default ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--vocab", description = "vocabulary size (default 512; 151936 for qwen2.5-0.5b)")
    Integer vocab;

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

    @Option(names = "--backend",
            description = "r1j's model backend: nd4j (ND4J ops, the reference), simd (Java Vector API kernels), auto"
                    + " (simd where this JVM can run it), or cuda (default: R1J_BACKEND, else auto)")
    String backend;

    @Option(names = "--no-torch", description = "skip the PyTorch comparison")
    boolean noTorch;

    @Option(names = "--torch-threads", paramLabel = "SETTINGS",
            description = "PyTorch thread settings to run, comma-separated, each a python process of its own:"
                    + " t/b = torch on t threads and its OpenBLAS on b; t/free = OpenBLAS on as many as it picks"
                    + " (OMP_NUM_THREADS and OPENBLAS_NUM_THREADS removed); a bare t is t/t. r1j's ratios are"
                    + " against PyTorch's best setting for each measure (default 1/1,<CPUs>/1,<CPUs>/<CPUs>,1/free)")
    String torchThreads;

    @Option(names = "--profile", description = "print r1j's time per section (thread CPU and wall) for training and generation")
    boolean profile;

    @Override
    public Integer call() {
        ModelConfig c;
        try {
            c = ModelPresets.byName(config, vocab != null ? vocab : ModelPresets.benchmarkVocab(config));
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
            be = Backends.select(backend != null ? backend : Backends.defaultName(), DataType.FLOAT);
        } catch (IllegalArgumentException e) {
            System.err.println("r1j bench model: " + e.getMessage());
            return 2;
        }
        List<TorchSetting> torchSettings;
        try {
            torchSettings = torchThreads == null ? TorchSetting.defaults(Runtime.getRuntime().availableProcessors())
                    : TorchSetting.parseList(torchThreads);
        } catch (IllegalArgumentException e) {
            System.err.println("r1j bench model: --torch-threads: " + e.getMessage());
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
        System.out.printf("threads: r1j OMP_NUM_THREADS=%d, OPENBLAS_CORETYPE=%s; r1j backend: %s%n", threads,
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(auto)"), be.name());
        ModelBench bench = new ModelBench(profile, be);
        ModelBench.Result r = bench.run(setup);
        System.out.printf("load average before: %s%n", loadAverage());
        System.out.printf("r1j     train %8.0f tokens/s (%.0f ms/step, best %.0f, %.0f ms CPU)   generate %8.0f tokens/s (%.0f ms, best %.0f, %.0f ms CPU)%n",
                r.trainTokensPerSec(), r.trainStepMs(), r.trainStepBestMs(), r.trainCpuMs(), r.genTokensPerSec(), r.genMs(),
                r.genBestMs(), r.genCpuMs());
        // model FLOPs (6N + 12 L d T per trained token, PaLM's count), so an MFU is one division by the device's peak
        double perToken = TrainFlops.perToken(c, seq), flops = r.trainTokensPerSec() * perToken;
        System.out.printf("r1j     training at %s of model FLOPs (%.3g FLOPs per token at T=%d)%n",
                flops >= 1e12 ? String.format("%.2f TFLOP/s", flops / 1e12) : String.format("%.2f GFLOP/s", flops / 1e9),
                perToken, seq);
        if (be.onDevice())
            System.out.printf("r1j     memory: peak device memory %s (%s's caching allocator, cached blocks included), peak heap %s%n",
                    mb(r.peakDevice()), be.name(), mb(r.peakHeap()));
        else // ND4J allocates its buffers natively, outside JavaCPP's Pointer accounting, so RSS is the off-heap measure
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
        if (be.onDevice()) {   // the reference on the same GPU at the same precision: thread settings do not apply
            System.out.printf("pytorch on the device: eager, %s GEMMs (as r1j's)%n", be.gemmPrecision());
            new TorchOnDeviceComparison(System.out, () -> TorchBench.onDevice(setup, "cuda", be.gemmPrecision(), 30)).compare(r);
            return 0;
        }
        System.out.printf("pytorch settings: %s (torch threads / OpenBLAS threads); OPENBLAS_CORETYPE removed%n", String.join(",", torchSettings.stream().map(TorchSetting::label).toList()));
        new TorchComparison(System.out, st -> TorchBench.run(setup, st)).compare(r, torchSettings);
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
