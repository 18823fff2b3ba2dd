package org.r1j.pipeline.rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.Rewarder;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.pipeline.data.Loaded;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.data.SftJsonl;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.CompletionSampler;
import org.r1j.pipeline.eval.CompletionSampler.Completion;
import org.r1j.pipeline.eval.IntegerAnswerChecker;

class RejectionSamplerTest {
    private static final Problem P = new Problem("p", "2+3", "5", Map.of());
    private static final Problem Q = new Problem("q", "4+4", "8", Map.of());

    private static RejectionConfig config(Map<String, Double> minRewards, int maxPerPrompt) {
        return new RejectionConfig(6, 0.8, 0.95, 64, 1, true, true, 0.0, "en", true, true, minRewards, maxPerPrompt);
    }

    private static final CompletionSampler HAND_MADE = (prompts, n, params) -> List.of(
            List.of(Completion.of("<think>2+3=5</think><answer>5</answer>"),
                    Completion.of("<think>2+3=5</think>  <answer>5</answer>"),         // same but for spaces
                    Completion.of("<think>2+3=6</think><answer>6</answer>"),           // wrong
                    Completion.of("<answer>5</answer>"),                               // no think
                    new Completion("<think>2+3=5</think><answer>5</answer>", 64, true), // truncated
                    Completion.of("<think>```py\n2+3```</think><answer>5</answer>")),  // code
            List.of(Completion.of("<think>4+4=8</think><answer>8</answer>"),
                    Completion.of("<think>4 plus 4</think><answer>8</answer>"),
                    Completion.of("<think>four and four</think><answer>8</answer>"),
                    Completion.of("<think>4+4</think><answer>8</answer></answer>"),   // bad format
                    Completion.of("<think>8</think><answer>eight</answer>"),           // not a number
                    Completion.of("<think>x</think><answer>8</answer>")));

    @Test
    void filtersCountEachRejectionOnceAndKeepDistinctCorrectSamples() {
        RejectionSampler rs = new RejectionSampler(config(Map.of(), 0), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT, null);
        RejectionSampler.Result r = rs.run(HAND_MADE, List.of(P, Q));
        Map<String, Integer> want = new LinkedHashMap<>();
        want.put("generated", 12);
        want.put("truncated", 1);
        want.put("bad format", 2);
        want.put("code block", 1);
        want.put("wrong answer", 2);
        want.put("mixed language", 0);
        want.put("low reward", 0);
        want.put("duplicate", 1);
        want.put("over max_per_prompt", 0);
        want.put("kept", 5);
        assertEquals(want, r.counts());
        assertEquals(List.of("p#0", "q#0", "q#1", "q#2", "q#5"), r.kept().stream().map(SftExample::id).toList());
        assertEquals("2+3\n", r.kept().get(0).prompt());
        assertEquals("generated 12 → truncated 1, bad format 2, code block 1, wrong answer 2, duplicate 1 → kept 5", r.summary());
    }

    @Test
    void maxPerPromptAndRewardMinimums() {
        RejectionSampler capped = new RejectionSampler(config(Map.of(), 2), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT, null);
        assertEquals(3, capped.run(HAND_MADE, List.of(P, Q)).kept().size());

        // A reward that likes reasoning with digits in it: "four and four" and "x" fall below 1.
        Rewarder digits = new Rewarder() {
            public List<String> rewardNames() { return List.of("digits"); }
            public double weight(String reward) { return 1; }
            public List<Score> scoreGroup(List<Sample> group) {
                return group.stream().map(s -> {
                    double v = s.completion().matches("<think>[^<]*\\d[^<]*</think>.*") ? 1 : 0;
                    return new Score(v, Map.of("digits", v), Map.of("digits", ""));
                }).toList();
            }
        };
        RejectionSampler rs = new RejectionSampler(config(Map.of("digits", 1.0), 0), IntegerAnswerChecker.INSTANCE,
                TextTemplate.COMPACT, digits);
        RejectionSampler.Result r = rs.run(HAND_MADE, List.of(P, Q));
        assertEquals(2, r.counts().get("low reward"));
        assertEquals(List.of("p#0", "q#0", "q#1"), r.kept().stream().map(SftExample::id).toList());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RejectionSampler(
                config(Map.of("accuracy", 1.0), 0), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT, digits));
        assertEquals("min_rewards names 'accuracy', which the reward program does not define; it has [digits]", e.getMessage());
    }

    @Test
    void formatCheck() {
        assertTrue(RejectionSampler.wellFormed("<think>a</think>\n<answer>b</answer>\n"));
        assertFalse(RejectionSampler.wellFormed("<think>a</think><think>c</think><answer>b</answer>"));
        assertFalse(RejectionSampler.wellFormed("<think>a</think>text<answer>b</answer>"));
        assertFalse(RejectionSampler.wellFormed("<think>a</think><answer> </answer>"));
        assertFalse(RejectionSampler.wellFormed("<think>a<answer>b</answer>"));
    }

    @Test
    void keptSetRoundTripsThroughJsonl(@TempDir Path dir) {
        RejectionSampler rs = new RejectionSampler(config(Map.of(), 0), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT, null);
        List<SftExample> kept = rs.run(HAND_MADE, List.of(P, Q)).kept();
        Path file = dir.resolve("rs/data.jsonl");
        SftJsonl.write(file, kept);
        Loaded<SftExample> back = SftJsonl.load(file);
        assertEquals(kept, back.items());
        assertTrue(back.issues().isEmpty());
    }

    @Test
    void sftJsonlReadsChatLinesAndReportsBadOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chat.jsonl");
        java.nio.file.Files.writeString(file, String.join("\n",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"2+3\"}, {\"role\": \"assistant\", \"content\": \"<think>2+3=5</think><answer>5</answer>\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "{\"prompt\": \"p\"}",
                "{\"prompt\": \"4+4\\n\", \"completion\": \"<answer>8</answer>\"}"));
        Loaded<SftExample> loaded = SftJsonl.load(file, org.r1j.model.tokenize.ChatTemplate.QWEN);
        assertEquals(List.of(
                new SftExample(file + ":1", "<|im_start|>user\n2+3<|im_end|>\n<|im_start|>assistant\n", "<think>2+3=5</think><answer>5</answer>"),
                new SftExample(file + ":4", "4+4\n", "<answer>8</answer>")), loaded.items());
        assertEquals(List.of(file + ":2: the last message must be the assistant's reply (the completion to learn)",
                file + ":3: needs string fields 'prompt' and 'completion'"),
                loaded.issues().stream().map(Object::toString).toList());
    }
}
