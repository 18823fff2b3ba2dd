package org.r1j.dsl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.lib.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `r1j reward score FILE --data samples.jsonl`: one JSON line out per sample in (same order): {@code line},
 * {@code total}, {@code rewards} (null = unknown), and with {@code --explain} the one-line explanations.
 * Malformed input lines are reported with their line number and skipped.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score completions from a JSONL file (prompt, completion, reference|answer|solution, other fields).")
public final class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FILE", description = "the reward file")
    Path rewardFile;

    @Option(names = "--data", required = true, paramLabel = "JSONL", description = "samples, one JSON object per line")
    Path data;

    @Option(names = "--out", paramLabel = "JSONL", description = "write scores here (default: standard output)")
    Path out;

    @Option(names = "--explain", description = "add each reward's one-line explanation (and print them when --out is given)")
    boolean explain;

    @Option(names = "--group-by", paramLabel = "FIELD", defaultValue = "prompt",
            description = "samples with the same value of this field form a group for group functions (default: ${DEFAULT-VALUE})")
    String groupBy;

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() throws IOException {
        CompileResult compiled = RewardProgram.compile(rewardFile);
        if (!compiled.diagnostics().isEmpty()) stderr.println(compiled.render());
        if (compiled.program().isEmpty()) return 1;
        RewardProgram program = compiled.program().get();
        if (!Files.isReadable(data)) {
            stderr.println("r1j reward score: cannot read " + data + (Files.exists(data) ? "" : ": no such file"));
            return 2;
        }
        List<Integer> lineNumbers = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        int skipped = readSamples(lineNumbers, samples);
        long t0 = System.nanoTime();
        List<Score> scores = score(program, samples);
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < scores.size(); i++) {
                w.write(JSON.writeValueAsString(toJson(lineNumbers.get(i), scores.get(i))));
                w.write('\n');
                if (explain && out != null) printExplanation(lineNumbers.get(i), scores.get(i));
            }
        }
        summary(program, scores, skipped, seconds);
        return 0;
    }

    private int readSamples(List<Integer> lineNumbers, List<Sample> samples) throws IOException {
        int skipped = 0;
        try (BufferedReader r = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                try {
                    samples.add(SampleReader.read(line));
                    lineNumbers.add(n);
                } catch (IllegalArgumentException e) {
                    stderr.println(data + ":" + n + ": skipped: " + e.getMessage());
                    skipped++;
                }
            }
        }
        return skipped;
    }

    /** Groups by {@code --group-by} when the program has group functions; otherwise every sample alone, in parallel. */
    private List<Score> score(RewardProgram program, List<Sample> samples) {
        if (!program.usesGroupFunctions()) return program.scoreAll(samples);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            Object key = groupBy.equals("prompt") ? s.prompt() : s.fields().get(groupBy);
            groups.computeIfAbsent(String.valueOf(key), k -> new ArrayList<>()).add(i);
        }
        List<List<Sample>> batches = groups.values().stream().map(ix -> ix.stream().map(samples::get).toList()).toList();
        List<List<Score>> scored = program.scoreGroups(batches);
        Score[] out = new Score[samples.size()];
        int g = 0;
        for (List<Integer> ix : groups.values()) {
            for (int k = 0; k < ix.size(); k++) out[ix.get(k)] = scored.get(g).get(k);
            g++;
        }
        return List.of(out);
    }

    private ObjectNode toJson(int line, Score s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line", line);
        o.put("total", s.total());
        ObjectNode rewards = o.putObject("rewards");
        s.values().forEach((k, v) -> {
            if (v.isNaN()) rewards.putNull(k); else rewards.put(k, v);
        });
        if (explain) {
            ObjectNode ex = o.putObject("explanations");
            s.explanations().forEach(ex::put);
        }
        return o;
    }

    private void printExplanation(int line, Score s) {
        stdout.println("line " + line + ": total " + Values.number(s.total()));
        s.values().forEach((k, v) -> stdout.println("  " + k + " = " + Values.number(v) + "  (" + s.explanations().get(k) + ")"));
    }

    private void summary(RewardProgram program, List<Score> scores, int skipped, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "scored %d samples in %.2f s", scores.size(), seconds));
        if (skipped > 0) sb.append(", skipped ").append(skipped).append(skipped == 1 ? " malformed line" : " malformed lines");
        for (String r : program.rewardNames()) {
            double sum = 0;
            int known = 0;
            for (Score s : scores) {
                double v = s.values().get(r);
                if (!Double.isNaN(v)) {
                    sum += v;
                    known++;
                }
            }
            sb.append(String.format(java.util.Locale.ROOT, "%n  %-16s mean %s over %d known, %d unknown", r,
                    known == 0 ? "-" : Values.number(sum / known), known, scores.size() - known));
        }
        stderr.println(sb);
    }
}
