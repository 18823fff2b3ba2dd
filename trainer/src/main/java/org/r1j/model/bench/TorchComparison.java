package org.r1j.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PyTorch half of `r1j bench model`: runs the reference at each thread setting (a python process each), prints a
 * line per setting, and r1j's ratios against PyTorch's best setting for each measure. The bests are picked per
 * measure, so training and generation may be compared with different settings: each is what a PyTorch user would
 * pick for that work, and a ratio against one fixed setting would flatter whichever side that setting handicaps.
 */
final class TorchComparison {
    /** One setting's numbers (the script's JSON). */
    record Run(TorchSetting setting, JsonNode json) {
        double get(String key) {
            return json.get(key).asDouble();
        }
    }

    /** PyTorch's best run of each measure; tokens/s: the highest, ms: the lowest. */
    record Best(Run trainTokens, Run genTokens, Run trainStepBest, Run genBest, Run trainCpu, Run genCpu) {
        static Best of(List<Run> runs) {
            return new Best(max(runs, "train_tokens_per_s"), max(runs, "gen_tokens_per_s"),
                    min(runs, "train_step_best_ms"), min(runs, "gen_best_ms"),
                    min(runs, "train_step_cpu_ms"), min(runs, "gen_cpu_ms"));
        }

        private static Run max(List<Run> runs, String key) {
            Run best = runs.get(0);
            for (Run r : runs) if (r.get(key) > best.get(key)) best = r;
            return best;
        }

        private static Run min(List<Run> runs, String key) {
            Run best = runs.get(0);
            for (Run r : runs) if (r.get(key) < best.get(key)) best = r;
            return best;
        }
    }

    private final PrintStream out;
    private final Function<TorchSetting, TorchBench.Outcome> runner;

    /** @param runner one PyTorch run (a function so the tests can stand in for python) */
    TorchComparison(PrintStream out, Function<TorchSetting, TorchBench.Outcome> runner) {
        this.out = out;
        this.runner = runner;
    }

    /** Runs every setting, prints its line and the ratios; returns the bests, or null when no setting ran. */
    Best compare(ModelBench.Result r, List<TorchSetting> settings) {
        List<Run> runs = new ArrayList<>();
        Map<TorchSetting, String> skipped = new LinkedHashMap<>();
        for (TorchSetting s : settings) {
            TorchBench.Outcome o = runner.apply(s);
            if (o.result() == null) {
                skipped.put(s, o.skipReason());
                continue;
            }
            Run run = new Run(s, o.result());
            runs.add(run);
            printRun(run); // as it comes: each setting is a python run of its own, tens of seconds on the small preset
        }
        if (runs.isEmpty()) { // no python or no torch: one line, not one per setting
            out.println("pytorch SKIPPED: " + String.join("; ", new LinkedHashSet<>(skipped.values())));
            return null;
        }
        skipped.forEach((s, why) -> out.printf("pytorch [%s] SKIPPED: %s%n", s.label(), why));
        Best b = Best.of(runs);
        out.printf("pytorch best  train %8.0f tokens/s [%s]   generate %8.0f tokens/s [%s]   (best of %d setting%s)%n",
                b.trainTokens().get("train_tokens_per_s"), b.trainTokens().setting().label(),
                b.genTokens().get("gen_tokens_per_s"), b.genTokens().setting().label(), runs.size(),
                runs.size() == 1 ? "" : "s");
        out.printf("ratio r1j/pytorch (wall tokens/s, mean): train %.2f   generate %.2f   [vs %s, %s]%n",
                r.trainTokensPerSec() / b.trainTokens().get("train_tokens_per_s"),
                r.genTokensPerSec() / b.genTokens().get("gen_tokens_per_s"), b.trainTokens().setting().label(),
                b.genTokens().setting().label());
        out.printf("ratio r1j/pytorch (wall tokens/s, best run): train %.2f   generate %.2f   [vs %s, %s]%n",
                b.trainStepBest().get("train_step_best_ms") / r.trainStepBestMs(),
                b.genBest().get("gen_best_ms") / r.genBestMs(), b.trainStepBest().setting().label(),
                b.genBest().setting().label());
        // the least CPU is usually a 1-thread setting: extra threads cost CPU time even where they save wall time
        out.printf("ratio r1j/pytorch (by process CPU time, which for r1j includes the JIT compiler's threads):"
                        + " train %.2f   generate %.2f   [vs %s, %s]%n",
                b.trainCpu().get("train_step_cpu_ms") / r.trainCpuMs(), b.genCpu().get("gen_cpu_ms") / r.genCpuMs(),
                b.trainCpu().setting().label(), b.genCpu().setting().label());
        return b;
    }

    private void printRun(Run run) {
        JsonNode j = run.json();
        JsonNode blas = j.get("blas_threads");
        out.printf("pytorch train %8.0f tokens/s (%.0f ms/step, best %.0f, %.0f ms CPU)   generate %8.0f tokens/s"
                        + " (%.0f ms, best %.0f, %.0f ms CPU)   [%s: %s%s; torch %s, peak RSS %.0f MB]%n",
                run.get("train_tokens_per_s"), run.get("train_step_ms"), run.get("train_step_best_ms"),
                run.get("train_step_cpu_ms"), run.get("gen_tokens_per_s"), run.get("gen_ms"), run.get("gen_best_ms"),
                run.get("gen_cpu_ms"), run.setting().label(), run.setting().describe(),
                blas == null || blas.isNull() ? "" : " (OpenBLAS " + blas.asInt() + ")", j.get("torch").asText(),
                run.get("peak_rss_bytes") / 1e6);
    }
}
