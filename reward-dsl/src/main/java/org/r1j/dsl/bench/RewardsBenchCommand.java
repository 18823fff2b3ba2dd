package org.r1j.dsl.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `r1j bench rewards`: single-thread (per core) throughput and p50/p99/max latency of each shipped reward on a
 * fixed corpus of ~1 KB completions, the worst latency on adversarial completions, and math_equal on the golden
 * corpus, each printed next to its target.
 */
@Command(name = "rewards", mixinStandardHelpOptions = true,
        description = "Verifier throughput and latency per reward on a fixed corpus, next to the targets (one thread).")
public final class RewardsBenchCommand implements Callable<Integer> {
    /** Targets from the issue, per core. */
    static final double FORMAT_TARGET_PER_S = 20_000;
    static final double MATH_TARGET_PER_S = 2_000;
    static final double MAX_CALL_MS = 100;

    @Option(names = "--seconds", defaultValue = "1.0", description = "measuring time per reward (default ${DEFAULT-VALUE} s, after a warm-up of half that)")
    double seconds;

    @Option(names = "--samples", defaultValue = "2000", description = "size of the 1 KB corpus (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--code-completions", defaultValue = "128", description = "completions in the code reward's batch (default ${DEFAULT-VALUE}; 0 skips it)")
    int codeCompletions;

    @Option(names = "--code-tests", defaultValue = "10", description = "tests per completion in the code reward's batch (default ${DEFAULT-VALUE})")
    int codeTests;

    @Option(names = "--code-only", description = "only the code reward's batch (it needs /usr/bin/python3)")
    boolean codeOnly;

    PrintStream out = System.out;

    /** Each benchmarked reward, as a one-reward program; "format-type" ones carry the 20,000/s target. */
    static Map<String, String> rewards() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format (r1)", "reward format = completion ~ r\"^\\s*<think>.*?</think>\\s*<answer>.*?</answer>\\s*$\"s");
        m.put("format (open-r1)", "reward format = completion ~ r\"\\A<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$\"sm");
        m.put("tag_count", "reward tag_count = (if occurrences(completion, \"<think>\\n\") == 1 then 0.25 else 0)"
                + " + (if occurrences(completion, \"\\n</think>\\n\") == 1 then 0.25 else 0)"
                + " + (if occurrences(completion, \"\\n<answer>\\n\") == 1 then 0.25 else 0)"
                + " + (if occurrences(completion, \"\\n</answer>\") == 1 then 0.25 else 0)");
        m.put("reasoning_steps", "reward steps = min(1, steps(completion) / 3)");
        m.put("cosine length", "reward c = cosine(len(completion), 0.5, 1.0, 1000)");
        m.put("repetition", "reward r = -1 * repetition(completion, 3)");
        m.put("language (en)", "reward l = language_ratio(tag(completion, \"think\"), \"en\")");
        m.put("accuracy (boxed)", "reward a = math_equal(boxed(completion) ?? tag(completion, \"answer\"), reference)");
        return m;
    }

    static boolean isFormatType(String name) {
        return name.startsWith("format") || name.equals("tag_count") || name.equals("reasoning_steps")
                || name.equals("cosine length");
    }

    @Override
    public Integer call() throws Exception {
        if (codeOnly) {
            boolean ok = codeCompletions <= 0 || CodeBench.run(out, codeCompletions, codeTests, 8);
            out.println(ok ? "all targets met" : "some targets missed (see verdicts)");
            return 0;
        }
        List<Sample> corpus = BenchCorpus.completions(samples, 1024, 42);
        List<Sample> adversarial = BenchCorpus.adversarial();
        out.printf(Locale.ROOT, "r1j bench rewards: one thread, %d CPUs visible (load average %s), %d completions of ~1 KB, %d adversarial (up to 1 MB)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), corpus.size(), adversarial.size());
        out.println("per core = calls / CPU time of this thread (what other load on the machine does not change); wall = calls / elapsed time.");
        out.println("Latencies are wall-clock; 'max cpu' is the largest CPU time of one call, corpus and adversarial together. Verdicts use per-core rate and max cpu.");
        out.printf(Locale.ROOT, "%-20s %10s %10s %8s %9s %9s %9s %9s %10s  %s%n", "reward", "per core/s", "wall/s", "target",
                "p50 ms", "p99 ms", "max ms", "adv max", "max cpu", "verdict");
        boolean allOk = true;
        for (Map.Entry<String, String> e : rewards().entrySet()) {
            RewardProgram p = RewardProgram.compile(e.getKey(), e.getValue()).orThrow();
            Latencies cpu = new Latencies();
            Latencies lat = measure(p, corpus, cpu);
            Latencies adv = new Latencies();
            for (Sample s : adversarial) timeOne(p, s, adv, cpu);
            Double target = isFormatType(e.getKey()) ? FORMAT_TARGET_PER_S : null;
            allOk &= row(e.getKey(), lat, adv, cpu, target);
        }
        allOk &= mathGolden();
        if (codeCompletions > 0) allOk &= CodeBench.run(out, codeCompletions, codeTests, 8);
        out.println(allOk ? "all targets met" : "some targets missed (see verdicts)");
        return 0;
    }

    private Latencies measure(RewardProgram p, List<Sample> corpus, Latencies cpu) {
        long warm = System.nanoTime() + (long) (seconds * 0.5e9);
        for (int i = 0; System.nanoTime() < warm; i++) p.score(corpus.get(i % corpus.size()));
        Latencies lat = new Latencies();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; System.nanoTime() < end || i < corpus.size(); i++) timeOne(p, corpus.get(i % corpus.size()), lat, cpu);
        return lat;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static Score timeOne(RewardProgram p, Sample s, Latencies lat, Latencies cpu) {
        long c = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        Score sc = p.score(s);
        lat.add(System.nanoTime() - t);
        cpu.add(THREADS.getCurrentThreadCpuTime() - c);
        return sc;
    }

    private boolean row(String name, Latencies lat, Latencies adv, Latencies cpu, Double target) {
        // CPU time of the corpus calls only (the adversarial ones were added after them).
        double perCore = cpuRate(cpu, lat.count());
        boolean fast = target == null || perCore >= target;
        boolean bounded = cpu.maxMs() <= MAX_CALL_MS;
        out.printf(Locale.ROOT, "%-20s %10.0f %10.0f %8s %9.4f %9.4f %9.2f %9.2f %10.2f  %s%n", name, perCore, lat.perSecond(),
                target == null ? "-" : String.format(Locale.ROOT, "≥%.0f", target), lat.quantileMs(0.5),
                lat.quantileMs(0.99), lat.maxMs(), adv.count() == 0 ? Double.NaN : adv.maxMs(), cpu.maxMs(),
                (fast ? "" : "SLOW ") + (bounded ? "ok" : "CALL OVER " + (int) MAX_CALL_MS + " ms"));
        return fast && bounded;
    }

    private static double cpuRate(Latencies cpu, int firstN) {
        return cpu.count() == 0 ? 0 : firstN / (cpu.sumFirstMs(firstN) / 1e3);
    }

    /** math_equal over the golden pairs: throughput, latencies, and agreement with the expected verdicts. */
    private boolean mathGolden() throws Exception {
        List<String[]> rows = BenchCorpus.golden();
        if (rows.isEmpty()) {
            out.println("math_equal (golden): skipped — classpath resource /r1j/math-golden.tsv is missing");
            return false;
        }
        RewardProgram p = RewardProgram.compile("math", "reward m = math_equal(completion, reference)").orThrow();
        List<Sample> pairs = new ArrayList<>();
        for (String[] r : rows) pairs.add(Sample.of("", r[0], r[1]));
        // First use loads the CAS (seconds); that is start-up, not a per-call cost, so it is warmed up first.
        for (Sample s : pairs) p.score(s);
        Latencies lat = new Latencies();
        Latencies cpu = new Latencies();
        int agree = 0;
        int passes = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            for (int i = 0; i < pairs.size(); i++) {
                Score sc = timeOne(p, pairs.get(i), lat, cpu);
                if (passes == 0 && verdict(sc.values().get("m")).equals(rows.get(i)[2].trim())) agree++;
            }
            passes++;
        } while (System.nanoTime() < end);
        boolean ok = row("math_equal (golden)", lat, new Latencies(), cpu, MATH_TARGET_PER_S);
        out.printf(Locale.ROOT, "  golden corpus: %d/%d pairs give the expected TRUE/FALSE/UNKNOWN%n", agree, rows.size());
        return ok;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String verdict(double v) {
        return Double.isNaN(v) ? "UNKNOWN" : v == 1.0 ? "TRUE" : "FALSE";
    }
}
