package org.r1j.model.bench;

import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.r1j.model.backend.Tensor;
import org.r1j.model.CausalLM;
import org.r1j.model.DecoderModel;
import org.r1j.model.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.ForwardPass;
import org.r1j.model.KvCache;
import org.r1j.model.ModelConfig;
import org.r1j.model.Profile;
import org.r1j.model.TokenBatch;
import org.r1j.model.sample.TokenChooser;
import org.r1j.optim.AdamW;
import org.r1j.optim.AdamWConfig;

/**
 * The benchmark work, identical on the PyTorch side (torch_model_bench.py): training steps of forward + backward
 * + AdamW on random tokens (loss = mean NLL of every next token), and greedy batched generation with a KV cache.
 */
public final class ModelBench {
    /** What to run. */
    public record Setup(ModelConfig config, int batch, int seqLen, int trainSteps, int genBatch, int promptLen,
                        int newTokens, int genRepeats, long seed) {}

    /**
     * Results: tokens/s and peak memory (bytes); {@code peakDevice} is the device's peak as its backend counts it
     * ({@link Backend#peakDeviceBytes}), 0 on the host.
     */
    public record Result(double trainTokensPerSec, double genTokensPerSec, double trainStepMs, double genMs,
                         double trainCpuMs, double genCpuMs, double trainStepBestMs, double genBestMs,
                         long peakHeap, long peakPhysical, long peakJavacpp, long peakDevice) {}

    /** CPU time of the whole process (all threads), ns: steadier than wall time on a shared machine. */
    static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean o ? o.getProcessCpuTime() : -1;
    }

    private long peakHeap, peakPhysical, peakJavacpp;
    private final boolean profile;
    private final Backend backend;
    private String trainProfile = "", genProfile = "";

    /**
     * @param profile collect per-section times ({@link org.r1j.model.Profile}) during the timed runs
     * @param backend the models' backend (f32)
     */
    public ModelBench(boolean profile, Backend backend) {
        this.backend = backend;
        this.profile = profile;
    }

    /** Per-section table of the timed training steps (empty unless profiling). */
    public String trainProfile() { return trainProfile; }

    /** Per-section table of the timed generation (empty unless profiling). */
    public String genProfile() { return genProfile; }

    public Result run(Setup s) {
        DecoderModel model = DecoderModel.random(s.config(), s.seed(), DataType.FLOAT, backend);
        Random rnd = new Random(s.seed());
        // training: one warm-up step, then timed steps
        int[][] tokens = new int[s.batch()][s.seqLen()];
        for (int[] row : tokens) for (int t = 0; t < row.length; t++) row[t] = rnd.nextInt(s.config().vocabSize());
        int[] prompt = new int[s.batch()], len = new int[s.batch()];
        java.util.Arrays.fill(prompt, 1);
        java.util.Arrays.fill(len, s.seqLen());
        TokenBatch batch = new TokenBatch(tokens, prompt, len);
        float[][] dlogp = new float[s.batch()][s.seqLen() - 1];
        float w = 1f / (s.batch() * (s.seqLen() - 1));
        for (float[] row : dlogp) java.util.Arrays.fill(row, -w); // d(mean NLL)/d logp
        AdamW opt = new AdamW(model.parameters(), model.backend(), AdamWConfig.of(1e-4));
        trainStep(model, batch, dlogp, opt);
        if (profile) Profile.enable();
        long t0 = clock(), c0 = processCpuNanos();
        double stepBestMs = Double.MAX_VALUE;
        for (int i = 0; i < s.trainSteps(); i++) {
            long ts = clock();
            trainStep(model, batch, dlogp, opt);
            stepBestMs = Math.min(stepBestMs, (clock() - ts) / 1e6);
        }
        double stepMs = (clock() - t0) / 1e6 / s.trainSteps();
        double stepCpuMs = (processCpuNanos() - c0) / 1e6 / s.trainSteps();
        if (profile) trainProfile = Profile.report(s.trainSteps());
        Profile.disable();
        // generation: greedy, prompts of promptLen, newTokens each; one warm-up run (long enough for the JIT to
        // compile the decoding loop: with 4 tokens, C2 compiled it during the timed run, ~0.6 s of the second core)
        generate(model, s, rnd, warmupTokens(s));
        if (profile) Profile.enable();
        long g0 = clock(), gc0 = processCpuNanos();
        double genBestMs = Double.MAX_VALUE;
        for (int i = 0; i < s.genRepeats(); i++) {
            long gs = clock();
            generate(model, s, rnd, s.newTokens());
            genBestMs = Math.min(genBestMs, (clock() - gs) / 1e6);
        }
        double genMs = (clock() - g0) / 1e6 / s.genRepeats();
        double genCpuMs = (processCpuNanos() - gc0) / 1e6 / s.genRepeats();
        if (profile) genProfile = Profile.report(s.genRepeats());
        Profile.disable();
        sample();
        return new Result(s.batch() * s.seqLen() / (stepMs / 1000), s.genBatch() * (double) s.newTokens() / (genMs / 1000),
                stepMs, genMs, stepCpuMs, genCpuMs, stepBestMs, genBestMs, peakHeap, peakPhysical, peakJavacpp,
                backend.peakDeviceBytes());
    }

    /**
     * System.nanoTime() once the device (if any) has finished the queued work, as torch.cuda.synchronize() before
     * every clock read on the PyTorch side.
     */
    private long clock() {
        backend.synchronize();
        return System.nanoTime();
    }

    /** New tokens of the untimed warm-up generation, the same on the PyTorch side. */
    static int warmupTokens(Setup s) {
        return Math.min(s.newTokens(), 64);
    }

    private void trainStep(DecoderModel model, TokenBatch batch, float[][] dlogp, AdamW opt) {
        Profile.start();
        model.zeroGrad();
        Profile.mark("zero grad");
        try (ForwardPass fp = model.forward(batch, 1f, true)) {
            fp.backward(dlogp);
        }
        Profile.start();
        opt.step();
        Profile.mark("adamw");
        sample();
    }

    private void generate(CausalLM model, Setup s, Random rnd, int newTokens) {
        int[][] prompts = new int[s.genBatch()][s.promptLen()];
        int[] lens = new int[s.genBatch()];
        for (int b = 0; b < prompts.length; b++) {
            lens[b] = s.promptLen();
            for (int t = 0; t < s.promptLen(); t++) prompts[b][t] = rnd.nextInt(s.config().vocabSize());
        }
        try (KvCache cache = model.newCache(s.genBatch(), s.promptLen() + newTokens)) {
            Tensor logits = model.prefill(cache, prompts, lens);
            for (int i = 0; i < newTokens; i++) {
                Profile.start();
                int[] next = argmax(logits);
                Profile.mark("argmax");
                if (i + 1 < newTokens) logits = model.decode(cache, next);
            }
        }
        sample();
    }

    /** Greedy choice per row on a Java copy of the logits, as {@link org.r1j.model.sample.Generator} does. */
    private static int[] argmax(Tensor logits) {
        int b = (int) logits.size(0), v = (int) logits.size(1);
        float[] flat = logits.toFloats();
        int[] out = new int[b];
        for (int r = 0; r < b; r++) out[r] = TokenChooser.argmax(flat, r * v, v);
        return out;
    }

    private void sample() {
        long heap = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) heap += pool.getPeakUsage().getUsed();
        }
        peakHeap = Math.max(peakHeap, heap);
        if (backend.onDevice()) return;   // a device backend's class path need not hold JavaCPP's natives
        peakPhysical = Math.max(peakPhysical, Pointer.physicalBytes());
        peakJavacpp = Math.max(peakJavacpp, Pointer.totalBytes());
    }
}
