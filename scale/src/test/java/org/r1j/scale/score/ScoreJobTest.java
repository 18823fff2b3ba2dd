package org.r1j.scale.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.cli.RewardCommand;
import org.r1j.scale.SharedSpark;
import picocli.CommandLine;

/** {@code spark score} against {@code reward score} on the same rows: the same JSON, rejected rows with reasons, retries. */
class ScoreJobTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path R1 = Path.of("../rewards/r1.reward");

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        List<String> lines = new ArrayList<>();
        String[] completions = {"<think>2+3=5</think><answer>5</answer>", "<think>two plus three</think><answer>6</answer>",
                "the answer is 5", "<think>5</think> \\boxed{5}", "<answer>5</answer>"};
        for (int i = 0; i < 60; i++) {
            ObjectNodeLine l = new ObjectNodeLine("q" + (i % 7), completions[i % completions.length], Integer.toString(5 + i % 2));
            lines.add(l.json());
            if (i == 13) lines.add("{\"prompt\": \"broken");               // not JSON
            if (i == 29) lines.add("");                                      // blank: skipped, as reward score skips it
            if (i == 41) lines.add("{\"prompt\": \"no completion here\"}");  // no completion field
        }
        data = dir.resolve("samples.jsonl");
        Files.write(data, lines);
    }

    record ObjectNodeLine(String prompt, String completion, String answer) {
        String json() throws IOException {
            var o = JSON.createObjectNode().put("prompt", prompt).put("completion", completion).put("answer", answer);
            return JSON.writeValueAsString(o);
        }
    }

    /** What `r1j reward score` writes for the file, line by line. */
    static List<String> singleProcess(Path reward, String... extra) throws IOException {
        Path out = dir.resolve("single-" + reward.getFileName() + ".jsonl");
        List<String> args = new ArrayList<>(List.of("score", reward.toString(), "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        int code = new CommandLine(new RewardCommand()).execute(args.toArray(String[]::new));
        assertEquals(0, code);
        return Files.readAllLines(out);
    }

    static List<String> partFiles(Path folder, String suffix) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(suffix)).sorted().toList()) {
                out.addAll(Files.readAllLines(p));
            }
        }
        return out;
    }

    static ScoreJob.Summary spark(Path reward, String out, boolean parquetOut, boolean explain) {
        return ScoreJob.run(SharedSpark.get(), new ScoreSettings(RewardSource.read(reward), data.toString(), false,
                dir.resolve(out).toString(), parquetOut, "prompt", explain), false);
    }

    @Test
    void sameLinesAsRewardScoreAndRejectedRowsWithReasons() throws IOException {
        ScoreJob.Summary s = spark(R1, "r1", false, false);
        assertEquals(singleProcess(R1), partFiles(dir.resolve("r1/scores"), ".json"));
        assertEquals(60, s.scored());
        assertEquals(2, s.rejected());
        List<JsonNode> rejected = new ArrayList<>();
        for (String l : partFiles(dir.resolve("r1/rejected"), ".json")) rejected.add(JSON.readTree(l));
        assertEquals(List.of(15L, 45L), rejected.stream().map(n -> n.get("line").asLong()).sorted().toList());
        JsonNode broken = rejected.stream().filter(n -> n.get("line").asLong() == 15).findFirst().orElseThrow();
        assertTrue(broken.get("reason").asText().startsWith("not JSON"), broken.toString());
        assertEquals("{\"prompt\": \"broken", broken.get("input").asText());
        assertTrue(rejected.stream().anyMatch(n -> n.get("reason").asText().equals("no \"completion\" field")));
        assertTrue(s.render("OUT").contains("accuracy"), s.render("OUT"));
    }

    @Test
    void groupFunctionsSeeTheirWholeGroup(@TempDir Path rewards) throws IOException {
        Path file = rewards.resolve("group.reward");
        Files.writeString(file, """
                reward right = num(contains(completion, "5"))
                reward share = group_mean(num(contains(completion, "5")))
                reward size = group_size()
                """);
        spark(file, "group", false, false);
        assertEquals(singleProcess(file), partFiles(dir.resolve("group/scores"), ".json"));
    }

    @Test
    void aTaskFailedMidPartitionIsRetriedWithoutDuplicatesOrHoles() throws IOException {
        SharedSpark.failingOnce(0, () -> spark(R1, "retried", false, true));
        List<String> expected = singleProcess(R1, "--explain");
        assertEquals(expected, partFiles(dir.resolve("retried/scores"), ".json"));
    }

    @Test
    void parquetInAndOut() throws IOException {
        SparkSession spark = SharedSpark.get();
        String in = dir.resolve("samples.parquet").toString();
        spark.read().json(data.toString()).filter("completion is not null").write().parquet(in);
        String out = dir.resolve("pq").toString();
        ScoreJob.Summary s = ScoreJob.run(spark, new ScoreSettings(RewardSource.read(R1), in, true, out, true, "prompt", false), false);
        assertEquals(60, s.scored());
        List<Row> rows = spark.read().parquet(out + "/scores").orderBy("line").collectAsList();
        assertEquals(60, rows.size());
        assertEquals(1L, rows.get(0).getLong(0));
        JsonNode first = JSON.readTree(singleProcess(R1).get(0));
        assertEquals(first.get("total").asDouble(), rows.get(0).getDouble(1));
        assertEquals(first.get("rewards").get("accuracy").asDouble(), rows.get(0).getStruct(2).getDouble(1));
    }
}
