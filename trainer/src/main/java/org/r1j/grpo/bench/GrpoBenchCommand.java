package org.r1j.grpo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.GrpoTrainer;
import org.r1j.train.StepMetrics;
import org.r1j.train.TrainingListener;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelPresets;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.grpo.VerifiableProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `r1j bench grpo`: GRPO steps on a fixed config (random model, character tokenizer, a trivial reward) and where
 * their time goes: the TRL time split (generate, reward, logprobs, backward, optimizer) and tokens per second.
 */
@Command(name = "grpo", mixinStandardHelpOptions = true, description = "GRPO step time split and tokens/s for a fixed config.")
public final class GrpoBenchCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "tiny", description = "Model size: tiny or small (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", defaultValue = "6", description = "Measured steps after one warm-up step (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--prompts", defaultValue = "8", description = "Prompts per step (default: ${DEFAULT-VALUE}).")
    int prompts;

    @Option(names = "--generations", defaultValue = "8", description = "Completions per prompt, G (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--max-completion-length", defaultValue = "32", description = "Tokens per completion (default: ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(names = "--beta", defaultValue = "0.0", description = "KL weight; > 0 adds the reference-model pass (default: ${DEFAULT-VALUE}).")
    double beta;

    @Override
    public Integer call() {
        if (steps < 1 || prompts < 1 || generations < 2 || maxLen < 1) {
            System.err.println("r1j bench grpo: need --steps >= 1, --prompts >= 1, --generations >= 2, --max-completion-length >= 1");
            return 2;
        }
        CharTokenizer tok = CharTokenizer.ascii();
        DecoderModel model = DecoderModel.random(ModelPresets.byName(preset, tok.vocabSize()), 1);
        List<BenchProblem> problems = new ArrayList<>();
        for (int i = 0; i < 64; i++) problems.add(new BenchProblem("b" + i, (10 + i) + "+" + (31 + i)));
        // Runs to the token limit (no EOS from a random model, mostly), so every step does the same work.
        GrpoConfig cfg = GrpoConfig.builder().set(GrpoConfig::numGenerations, generations).set(GrpoConfig::promptsPerStep, prompts).set(GrpoConfig::maxCompletionLength, maxLen)
                .set(GrpoConfig::learningRate, 1e-4).set(GrpoConfig::beta, beta).set(GrpoConfig::maxSteps, steps + 1).set(GrpoConfig::seed, 1).set(GrpoConfig::logCompletionsSteps, 0).build();
        GrpoTrainer trainer = new GrpoTrainer(model, tok, vowels(), problems, p -> p.question() + "=", cfg);
        List<StepMetrics> measured = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics m) { if (m.step() > 1) measured.add(m); }
        });
        System.out.printf(Locale.ROOT, "r1j bench grpo: %s model (%,d parameters), %d prompts x %d completions, up to %d tokens each, beta %s, OMP_NUM_THREADS=%s%n",
                preset, model.parameters().count(), prompts, generations, maxLen, beta, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        trainer.train();
        print(measured);
        return 0;
    }

    /** A sum to write out; the bench's reward does not look at a reference. */
    private record BenchProblem(String id, String question) implements VerifiableProblem {
        @Override public String reference() { return ""; }
        @Override public Map<String, Object> fields() { return Map.of(); }
    }

    private void print(List<StepMetrics> ms) {
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String k : List.of("time/generate", "time/reward", "time/logprobs", "time/backward", "time/optimizer", "step_time",
                "completions/mean_length")) {
            mean.put(k, ms.stream().mapToDouble(m -> m.get(k)).average().orElse(Double.NaN));
        }
        double step = mean.get("step_time");
        System.out.printf(Locale.ROOT, "%-16s %10s %7s%n", "phase", "s/step", "share");
        for (String k : List.of("time/generate", "time/reward", "time/logprobs", "time/backward", "time/optimizer")) {
            System.out.printf(Locale.ROOT, "%-16s %10.3f %6.1f%%%n", k, mean.get(k), 100 * mean.get(k) / step);
        }
        System.out.printf(Locale.ROOT, "%-16s %10.3f   (mean of %d steps after a warm-up step)%n", "step", step, ms.size());
        double generated = mean.get("completions/mean_length") * prompts * generations;   // completion tokens per step
        double seen = ms.size() < 2 ? Double.NaN
                : (ms.get(ms.size() - 1).get("num_tokens") - ms.get(0).get("num_tokens")) / (ms.size() - 1); // prompt + completion
        System.out.printf(Locale.ROOT, "generation: %8.0f completion tokens/s (%.0f tokens per step, mean completion %.1f)%n",
                generated / mean.get("time/generate"), generated, mean.get("completions/mean_length"));
        System.out.printf(Locale.ROOT, "training:   %8.0f tokens/s through log-probs + backward + AdamW (%.0f prompt+completion tokens per step)%n",
                seen / (mean.get("time/logprobs") + mean.get("time/backward") + mean.get("time/optimizer")), seen);
        System.out.printf(Locale.ROOT, "overall:    %8.0f tokens/s per GRPO step%n", seen / step);
    }

    /** Share of vowels: cheap, so the reward phase measures the trainer's overhead, not a verifier. */
    private static Rewarder vowels() {
        return new Rewarder() {
            @Override public List<String> rewardNames() { return List.of("vowels"); }
            @Override public double weight(String r) { return 1; }
            @Override public List<Score> scoreGroup(List<Sample> g) {
                List<Score> out = new ArrayList<>();
                for (Sample s : g) {
                    double v = s.completion().chars().filter(c -> "aeiou".indexOf(c) >= 0).count() / (double) Math.max(1, s.completion().length());
                    out.add(new Score(v, Map.of("vowels", v), Map.of()));
                }
                return out;
            }
        };
    }
}
