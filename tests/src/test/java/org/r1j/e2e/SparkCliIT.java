package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./r1j spark …` as a user runs it: the launcher adds the scale module and Spark's JVM flags, the jobs run on
 * local[2,2] (a task fails on purpose and is retried), and the results equal the single-process commands'.
 */
class SparkCliIT {
    @TempDir
    Path dir;

    @Test
    void scoreEqualsRewardScoreThroughARetriedTask() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("{\"prompt\": \"p" + (i % 4) + "\", \"completion\": \"<think>the sum</think><answer>" + (i % 3)
                    + "</answer>\", \"answer\": \"1\"}");
        }
        lines.add(7, "{\"prompt\": ");
        Path data = Files.write(dir.resolve("in.jsonl"), lines);
        R1jCli.Result single = R1jCli.run("reward", "score", "rewards/r1.reward", "--data", data.toString(), "--out", dir.resolve("single.jsonl").toString());
        assertEquals(0, single.exitCode(), single.all());

        R1jCli.Result spark = R1jCli.run("spark", "score", "rewards/r1.reward", "--data", data.toString(), "--out", dir.resolve("out").toString(),
                "--master", "local[2,2]", "--conf", "spark.r1j.failPartitionOnce=0", "--conf", "spark.ui.enabled=false");
        assertEquals(0, spark.exitCode(), spark.all());
        assertTrue(spark.stderr().contains("attempt 0 failed") && spark.stderr().contains("Spark retries it"), spark.stderr());
        assertTrue(spark.stderr().contains("rejected 1 malformed row"), spark.stderr());
        assertEquals(Files.readAllLines(dir.resolve("single.jsonl")), parts(dir.resolve("out/scores")));
        String rejected = String.join("\n", parts(dir.resolve("out/rejected")));
        assertTrue(rejected.contains("\"line\":8") && rejected.contains("not JSON"), rejected);
    }

    @Test
    void evalEqualsREval() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, R1jCli.run("init-model", "--out", model.toString(), "--seed", "5").exitCode());
        String[] common = {"--model", model.toString(), "--problems", "70", "-k", "2", "--max-new-tokens", "10", "--temperature", "1.0"};
        R1jCli.Result single = R1jCli.run(concat(new String[] {"eval"}, common, new String[] {"--out", dir.resolve("single.csv").toString()}));
        assertEquals(0, single.exitCode(), single.all());
        R1jCli.Result spark = R1jCli.run(concat(new String[] {"spark", "eval"}, common,
                new String[] {"--out", dir.resolve("spark.csv").toString(), "--master", "local[2]", "--conf", "spark.ui.enabled=false"}));
        assertEquals(0, spark.exitCode(), spark.all());
        assertEquals(summary(single.stdout()), summary(spark.stdout()), spark.all());
        assertEquals(Files.readString(dir.resolve("single.csv")), Files.readString(dir.resolve("spark.csv")), "per-problem tables");
        assertTrue(spark.stderr().contains("2/2 partitions"), spark.stderr());
    }

    private static String summary(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("pass@1")).findFirst().orElseThrow(() -> new AssertionError("no summary in " + stdout));
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    private static List<String> parts(Path folder) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) out.addAll(Files.readAllLines(p));
        }
        return out;
    }
}
