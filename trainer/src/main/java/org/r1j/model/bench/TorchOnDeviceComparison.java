package org.r1j.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The PyTorch half of {@code r1j bench model} on a device backend ({@code R1J_BACKEND=cuda}): PyTorch eager on the
 * same GPU at the same GEMM precision ({@link TorchBench#onDevice}), one run (thread settings are a CPU matter), its
 * line, and r1j's ratios: tokens/s (mean and best run; above 1 = r1j faster) and peak device memory (below 1 = r1j
 * holds less). r1j's peak is its caching allocator's (blocks held, cached ones included), PyTorch's
 * {@code torch.cuda.max_memory_allocated()} (live tensors only; its own cache is not counted), so the memory ratio
 * leans against r1j.
 */
final class TorchOnDeviceComparison {
    private final PrintStream out;
    private final Supplier<TorchBench.Outcome> runner;

    /** @param runner the one PyTorch run (a supplier so the tests can stand in for python and a GPU) */
    TorchOnDeviceComparison(PrintStream out, Supplier<TorchBench.Outcome> runner) {
        this.out = out;
        this.runner = runner;
    }

    /** Runs PyTorch, prints its line and the ratios; returns its JSON, or null when it did not run (one line why). */
    JsonNode compare(ModelBench.Result r) {
        TorchBench.Outcome o = runner.get();
        if (o.result() == null) {
            out.println("pytorch SKIPPED: " + o.skipReason());
            return null;
        }
        JsonNode j = o.result();
        double torchPeak = j.path("peak_device_bytes").asDouble(0);
        out.printf("pytorch train %8.0f tokens/s (%.0f ms/step, best %.0f)   generate %8.0f tokens/s (%.0f ms, best %.0f)"
                        + "   [%s, torch %s, peak device memory %.0f MB]%n",
                j.get("train_tokens_per_s").asDouble(), j.get("train_step_ms").asDouble(), j.get("train_step_best_ms").asDouble(),
                j.get("gen_tokens_per_s").asDouble(), j.get("gen_ms").asDouble(), j.get("gen_best_ms").asDouble(),
                j.path("device").asText("?"), j.path("torch").asText("?"), torchPeak / 1e6);
        out.printf("ratio r1j/pytorch (wall tokens/s, mean): train %.2f   generate %.2f%n",
                r.trainTokensPerSec() / j.get("train_tokens_per_s").asDouble(), r.genTokensPerSec() / j.get("gen_tokens_per_s").asDouble());
        out.printf("ratio r1j/pytorch (wall tokens/s, best run): train %.2f   generate %.2f%n",
                j.get("train_step_best_ms").asDouble() / r.trainStepBestMs(), j.get("gen_best_ms").asDouble() / r.genBestMs());
        if (torchPeak > 0)
            out.printf("ratio r1j/pytorch (peak device memory): %.2f%n", r.peakDevice() / torchPeak);
        return j;
    }
}
