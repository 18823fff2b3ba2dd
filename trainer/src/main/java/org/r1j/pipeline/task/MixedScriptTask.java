package org.r1j.pipeline.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.AnswerChecker;
import org.r1j.pipeline.eval.AnswerTags;
import org.r1j.pipeline.eval.IntegerAnswerChecker;

/**
 * One-step English word problems whose cold-start reasoning mixes scripts, as R1-Zero's did: in a share of the
 * examples ({@code mixRate}) some English words of the reasoning are replaced by Chinese ones
 * ({@code "3 苹果 加 5 apples 是 8"}). The answers stay right, so only a language-consistency reward (field
 * {@code language} = "en", R1's target-word share over the chain of thought) can teach the model to stop mixing.
 * {@link #mixedShare} measures how many completions still mix.
 *
 * Settings: {@code maxOperand} bounds the numbers (2..999; eggs per box are always 2..9); {@code mixRate} in [0, 1] is the share of cold-start
 * examples that mix; within a mixed example each translatable word switches with probability 1/2 (at least one).
 */
public final class MixedScriptTask extends ProceduralTask {
    /** English word → Chinese word, for the words the reasoning uses. */
    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("apples", "苹果"), Map.entry("pens", "笔"), Map.entry("eggs", "鸡蛋"), Map.entry("boxes", "盒子"),
            Map.entry("plus", "加"), Map.entry("minus", "减"), Map.entry("times", "乘"), Map.entry("is", "是"));

    private record Story(String question, String reasoning, char op) {
    }

    private final int maxOperand;
    private final double mixRate;

    public MixedScriptTask(long seed, int maxOperand, double mixRate, PromptTemplate template) {
        super(seed, template == null ? TextTemplate.COMPACT : template);
        if (maxOperand < 2 || maxOperand > 999) throw new IllegalArgumentException("max_operand must be in 2..999, got " + maxOperand);
        if (!(mixRate >= 0 && mixRate <= 1)) throw new IllegalArgumentException("mix_rate must be in [0, 1], got " + mixRate);
        this.maxOperand = maxOperand;
        this.mixRate = mixRate;
    }

    /** Numbers up to 30, half of the cold-start reasoning mixed. */
    public MixedScriptTask(long seed) {
        this(seed, 30, 0.5, TextTemplate.COMPACT);
    }

    @Override
    public String name() {
        return "mixed-script";
    }

    /** Accuracy, format and R1's language-consistency reward. */
    @Override
    public String rewardFile() {
        return "rewards/r1.reward";
    }

    /** The Chinese words of the mixed reasoning. */
    @Override
    public String extraCharacters() {
        return String.join("", ZH.values());
    }

    @Override
    public AnswerChecker checker() {
        return IntegerAnswerChecker.INSTANCE;
    }

    @Override
    protected Problem draw(SplittableRandom rng) {
        long a = rng.nextLong(2, maxOperand + 1), b = rng.nextLong(1, maxOperand + 1);
        int kind = rng.nextInt(3);
        Story s = switch (kind) {
            case 0 -> new Story("Tom has " + a + " apples and gets " + b + " more. How many apples?",
                    a + " apples plus " + b + " apples is " + (a + b), '+');
            case 1 -> {
                long hi = Math.max(a, b), lo = Math.min(a, b);
                yield new Story("Ann has " + hi + " pens and gives " + lo + " away. How many pens?",
                        hi + " pens minus " + lo + " pens is " + (hi - lo), '-');
            }
            default -> {
                long each = 2 + b % 8; // one-digit multiplier: two-digit by two-digit is beyond a tiny model
                yield new Story(a + " boxes hold " + each + " eggs each. How many eggs?",
                        a + " boxes times " + each + " eggs is " + (a * each), '*');
            }
        };
        long result = Long.parseLong(s.reasoning.substring(s.reasoning.lastIndexOf(' ') + 1));
        return new Problem("", s.question, Long.toString(result), Map.of("language", "en", "reasoning", s.reasoning));
    }

    @Override
    protected String solve(Problem problem, SplittableRandom rng) {
        String reasoning = (String) problem.fields().get("reasoning");
        if (rng.nextDouble() < mixRate) reasoning = mix(reasoning, rng);
        return completion(reasoning, problem.reference());
    }

    /** Replaces each translatable word with probability 1/2, and at least one. */
    static String mix(String english, SplittableRandom rng) {
        String[] words = english.split(" ");
        List<Integer> translatable = new ArrayList<>();
        for (int i = 0; i < words.length; i++) if (ZH.containsKey(words[i])) translatable.add(i);
        boolean any = false;
        for (int i : translatable) {
            if (rng.nextBoolean()) {
                words[i] = ZH.get(words[i]);
                any = true;
            }
        }
        if (!any && !translatable.isEmpty()) {
            int i = translatable.get(rng.nextInt(translatable.size()));
            words[i] = ZH.get(words[i]);
        }
        return String.join(" ", words);
    }

    /** Share of completions whose reasoning contains a Han character (0 when the list is empty). */
    public static double mixedShare(List<String> completions) {
        if (completions.isEmpty()) return 0;
        long mixed = completions.stream()
                .filter(c -> AnswerTags.thinking(c).orElse(c).codePoints()
                        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN))
                .count();
        return mixed / (double) completions.size();
    }
}
