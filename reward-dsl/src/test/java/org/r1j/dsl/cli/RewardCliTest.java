package org.r1j.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RewardCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Object command, String... args) {
        if (command instanceof CheckCommand c) {
            c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
            c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        } else if (command instanceof ScoreCommand s) {
            s.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
            s.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        }
        return new CommandLine(command).execute(args);
    }

    @Test
    void shippedRewardFilesCheckClean() {
        assertEquals(0, run(new CheckCommand(), "../rewards/r1.reward", "../rewards/open-r1.reward"), err.toString());
        assertTrue(out.toString().contains("r1.reward: ok — 3 rewards: format (weight 1, unknown 0), accuracy (weight 1), consistency (weight 0.1, unknown 0)"), out.toString());
    }

    @Test
    void badFileExitsOneWithCaretDiagnostics() throws Exception {
        Path bad = dir.resolve("bad.reward");
        Files.writeString(bad, "reward a = lenn(completion)\nreward b = 1 +\n");
        assertEquals(1, run(new CheckCommand(), bad.toString()));
        String e = err.toString();
        assertTrue(e.contains("bad.reward:2:15: error:"), e);
        assertTrue(e.contains("\n                ^"), e);
        assertTrue(e.trim().endsWith("1 error"), e);
    }

    @Test
    void scoreWritesJsonlSkipsMalformedLinesAndExplains() throws Exception {
        Path reward = dir.resolve("r.reward");
        Files.writeString(reward, "reward fmt = completion ~ r\"<answer>\"\nreward exact weight 2 = num(trim(tag(completion, \"answer\")) == reference)\n");
        Path data = dir.resolve("d.jsonl");
        Files.writeString(data, String.join("\n",
                "{\"prompt\": \"1+1\", \"completion\": \"<answer>2</answer>\", \"answer\": \"2\"}",
                "{not json",
                "{\"prompt\": \"x\"}",
                "",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"hi\"}], \"completion\": [{\"role\": \"assistant\", \"content\": \"no tags\"}], \"solution\": \"3\"}"));
        Path scores = dir.resolve("s.jsonl");
        assertEquals(0, run(new ScoreCommand(), reward.toString(), "--data", data.toString(), "--out", scores.toString(), "--explain"), err.toString());
        List<String> lines = Files.readAllLines(scores);
        assertEquals(2, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals(1, first.get("line").asInt());
        assertEquals(3.0, first.get("total").asDouble());
        assertEquals(1.0, first.get("rewards").get("exact").asDouble());
        assertTrue(first.get("explanations").get("fmt").asText().contains("matches"));
        JsonNode second = json.readTree(lines.get(1));
        assertEquals(5, second.get("line").asInt());
        assertTrue(second.get("rewards").get("exact").isNull(), lines.get(1));
        String e = err.toString();
        assertTrue(e.contains("d.jsonl:2: skipped: not JSON"), e);
        assertTrue(e.contains("d.jsonl:3: skipped: no \"completion\" field"), e);
        assertTrue(out.toString().contains("line 1: total 3"), out.toString());
    }

    @Test
    void groupFunctionsGroupByPrompt() throws Exception {
        Path reward = dir.resolve("g.reward");
        Files.writeString(reward, "reward rel = len(completion) - group_min(len(completion))\n");
        Path data = dir.resolve("d.jsonl");
        Files.writeString(data, "{\"prompt\":\"a\",\"completion\":\"xx\"}\n{\"prompt\":\"b\",\"completion\":\"y\"}\n{\"prompt\":\"a\",\"completion\":\"xxxxx\"}\n");
        assertEquals(0, run(new ScoreCommand(), reward.toString(), "--data", data.toString()));
        String[] lines = out.toString().trim().split("\n");
        assertTrue(lines[0].contains("\"rel\":0.0"), lines[0]);
        assertTrue(lines[1].contains("\"rel\":0.0"), lines[1]);
        assertTrue(lines[2].contains("\"rel\":3.0"), lines[2]);
    }

    @Test
    void scoreRefusesABrokenRewardFile() throws Exception {
        Path reward = dir.resolve("r.reward");
        Files.writeString(reward, "reward a = nope\n");
        Path data = dir.resolve("d.jsonl");
        Files.writeString(data, "{\"completion\":\"x\"}\n");
        assertEquals(1, run(new ScoreCommand(), reward.toString(), "--data", data.toString()));
        assertTrue(err.toString().contains("unknown name `nope`"));
    }
}
