package org.r1j.pipeline.cli;

import java.nio.file.Path;
import java.util.List;
import org.r1j.pipeline.eval.EvalConfig;
import picocli.CommandLine.Option;

/**
 * The R1 evaluation protocol's command-line knobs (a picocli {@code @Mixin}), shared by {@code r1j eval} and
 * {@code r1j spark eval} so that both take the same options with the same defaults: k samples per held-out problem at
 * temperature 0.6 and top-p 0.95 (DeepSeek-R1, "Evaluation Setup"), plus a greedy pass.
 */
public final class EvalOptions {
    @Option(names = "--problems", paramLabel = "N", defaultValue = "100", description = "Held-out problems (default: ${DEFAULT-VALUE}).")
    int problems;

    @Option(names = "-k", paramLabel = "K", defaultValue = "8", description = "Samples per problem (R1: 64; default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--temperature", defaultValue = "0.6", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--no-greedy", description = "Skip the greedy pass.")
    boolean noGreedy;

    @Option(names = "--seed", defaultValue = "1234", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the per-problem table here.")
    Path out;

    /** Held-out problems to evaluate on. */
    public int problems() {
        return problems;
    }

    /** Where the per-problem table goes, or null. */
    public Path out() {
        return out;
    }

    /** The protocol as the evaluator takes it; answers end at {@code </answer>}. */
    public EvalConfig config() {
        return new EvalConfig(k, temperature, topP, maxNewTokens, !noGreedy, List.of("</answer>"), seed);
    }

    /** "k=8, temperature 0.6, top-p 0.95", for the commands' first line. */
    public String describe() {
        return "k=" + k + ", temperature " + temperature + ", top-p " + topP;
    }
}
