package org.r1j.pipeline.rejection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.lib.lang.LanguageRatio;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.eval.AnswerChecker;
import org.r1j.pipeline.eval.AnswerTags;
import org.r1j.pipeline.eval.CompletionSampler;
import org.r1j.pipeline.eval.CompletionSampler.Completion;

/**
 * N samples per prompt → keep those the rules verify → drop bad format, code blocks, mixed-language reasoning,
 * low rewards → de-duplicate. Each rejected sample is counted under the first filter it failed, so the result says
 * where the data went.
 */
public final class RejectionSampler {
    public static final String GENERATED = "generated";
    public static final String KEPT = "kept";

    private final RejectionConfig config;
    private final AnswerChecker checker;
    private final PromptTemplate template;
    private final Rewarder rewarder;

    /** @param rewarder scores for {@link RejectionConfig#minRewards}; may be null when that map is empty */
    public RejectionSampler(RejectionConfig config, AnswerChecker checker, PromptTemplate template, Rewarder rewarder) {
        if (!config.minRewards().isEmpty()) {
            if (rewarder == null) throw new IllegalArgumentException("min_rewards needs a reward program");
            for (String name : config.minRewards().keySet()) {
                if (!rewarder.rewardNames().contains(name)) {
                    throw new IllegalArgumentException("min_rewards names '" + name + "', which the reward program does not define; it has "
                            + rewarder.rewardNames());
                }
            }
        }
        this.config = config;
        this.checker = checker;
        this.template = template;
        this.rewarder = rewarder;
    }

    /**
     * The filtered, de-duplicated set.
     *
     * @param kept   SFT examples (prompt as rendered, completion), in problem order
     * @param counts "generated", then each filter's rejections by name, then "kept"
     */
    public record Result(List<SftExample> kept, Map<String, Integer> counts) {
        /** "generated 80 → wrong answer 30, duplicate 12 → kept 38". */
        public String summary() {
            StringBuilder sb = new StringBuilder("generated " + counts.get(GENERATED) + " →");
            counts.forEach((k, v) -> {
                if (!k.equals(GENERATED) && !k.equals(KEPT) && v > 0) sb.append(' ').append(k).append(' ').append(v).append(',');
            });
            if (sb.charAt(sb.length() - 1) == ',') sb.setLength(sb.length() - 1);
            return sb.append(" → kept ").append(counts.get(KEPT)).toString();
        }
    }

    public Result run(CompletionSampler sampler, List<Problem> problems) {
        List<String> prompts = problems.stream().map(template::render).toList();
        return filter(problems, prompts, sampler.sample(prompts, config.samplesPerPrompt(), config.sampling()));
    }

    /** The filters alone, on completions already sampled ({@code samples.get(i)} answers problem i). */
    public Result filter(List<Problem> problems, List<String> prompts, List<List<Completion>> samples) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String k : List.of(GENERATED, "truncated", "bad format", "code block", "wrong answer", "mixed language",
                "low reward", "duplicate", "over max_per_prompt", KEPT)) {
            counts.put(k, 0);
        }
        List<SftExample> kept = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            String prompt = prompts.get(i);
            List<Completion> group = samples.get(i);
            List<Score> scores = config.minRewards().isEmpty() ? null : rewarder.scoreGroup(group.stream()
                    .map(c -> new Sample(prompt, c.text(), p.reference(), p.fields(), c.tokens())).toList());
            Set<String> seen = new HashSet<>();
            int keptHere = 0;
            for (int j = 0; j < group.size(); j++) {
                Completion c = group.get(j);
                counts.merge(GENERATED, 1, Integer::sum);
                Optional<String> reason = reject(p, c, scores == null ? null : scores.get(j));
                if (reason.isEmpty() && !seen.add(normalise(c.text()))) reason = Optional.of("duplicate");
                if (reason.isEmpty() && config.maxPerPrompt() > 0 && keptHere >= config.maxPerPrompt()) {
                    reason = Optional.of("over max_per_prompt");
                }
                if (reason.isPresent()) {
                    counts.merge(reason.get(), 1, Integer::sum);
                    continue;
                }
                keptHere++;
                counts.merge(KEPT, 1, Integer::sum);
                kept.add(new SftExample(p.id() + "#" + j, prompt, c.text()));
            }
        }
        return new Result(kept, counts);
    }

    private Optional<String> reject(Problem p, Completion c, Score score) {
        String text = c.text();
        if (config.dropTruncated() && c.truncated()) return Optional.of("truncated");
        if (config.requireFormat() && !wellFormed(text)) return Optional.of("bad format");
        if (config.dropCodeBlocks() && text.contains("```")) return Optional.of("code block");
        if (config.requireCorrect() && !checker.isCorrectCompletion(p, text)) return Optional.of("wrong answer");
        if (config.minLanguageRatio() > 0) {
            String lang = p.fields().get("language") instanceof String s ? s : config.language();
            double ratio = LanguageRatio.ratio(AnswerTags.thinking(text).orElse(text), lang).ratio();
            // NaN: no words at all (e.g. pure arithmetic), nothing to be inconsistent about
            if (!Double.isNaN(ratio) && ratio < config.minLanguageRatio()) return Optional.of("mixed language");
        }
        if (score != null) {
            for (Map.Entry<String, Double> min : config.minRewards().entrySet()) {
                Double v = score.values().get(min.getKey());
                if (v == null || v.isNaN() || v < min.getValue()) return Optional.of("low reward");
            }
        }
        return Optional.empty();
    }

    /** Exactly {@code <think>…</think>} then {@code <answer>…</answer>}, only whitespace around and between. */
    static boolean wellFormed(String text) {
        return org.r1j.pipeline.eval.AnswerTags.wellFormed(text);
    }

    /** Duplicates differ at most in whitespace. */
    static String normalise(String text) {
        return text.replaceAll("\\s+", "");
    }
}
