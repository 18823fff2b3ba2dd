package org.r1j.scale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.r1j.dsl.Sample;
import org.r1j.dsl.bench.BenchCorpus;
import org.r1j.dsl.cli.RewardCommand;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelPresets;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.tokenize.CharTokenizer;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.EvalResult;
import org.r1j.pipeline.eval.Evaluator;
import org.r1j.pipeline.eval.ModelSampler;
import org.r1j.pipeline.run.RunContext;
import org.r1j.pipeline.task.Split;
import org.r1j.pipeline.task.Task;
import org.r1j.scale.SparkRuns;
import org.r1j.scale.generate.ModelSource;
import org.r1j.scale.generate.SparkEvaluation;
import org.r1j.scale.generate.TaskSpec;
import org.r1j.scale.score.RewardSource;
import org.r1j.scale.score.ScoreJob;
import org.r1j.scale.score.ScoreSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code r1j bench spark}: the same work on {@code local[N]} and in one process, side by side in one run — scoring
 * completions with a reward file ({@code spark score} vs {@code reward score}) and evaluating a model
 * ({@code spark eval} vs the evaluator {@code r1j eval} runs), with where Spark's time goes (its jobs, its start).
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Spark on one machine vs one process: reward scoring (completions/s) and evaluation (problems/s).")
public final class SparkBenchCommand implements Callable<Integer> {
    @Option(names = "--master", defaultValue = "local[2]", description = "Default: ${DEFAULT-VALUE}.")
    String master;

    @Option(names = "--completions", defaultValue = "1000000", description = "Completions to score (default: ${DEFAULT-VALUE}).")
    int completions;

    @Option(names = "--chars", defaultValue = "400", description = "Length of each completion in characters (default: ${DEFAULT-VALUE}).")
    int chars;

    @Option(names = "--reward", defaultValue = "rewards/r1.reward", description = "Default: ${DEFAULT-VALUE}.")
    Path reward;

    @Option(names = "--model", paramLabel = "DIR", description = "Model to evaluate (default: runs/demo/grpo/model when present, else a random tiny model).")
    Path model;

    @Option(names = "--problems", defaultValue = "256", description = "Evaluation problems (default: ${DEFAULT-VALUE}).")
    int problems;

    @Option(names = "-k", defaultValue = "8", description = "Samples per problem (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--only", paramLabel = "score|eval", description = "Run one half of the benchmark.")
    String only;

    @Option(names = "--work", defaultValue = "runs/bench-spark", description = "Scratch folder (default: ${DEFAULT-VALUE}).")
    Path work;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        if (only != null && !only.equals("score") && !only.equals("eval")) throw new IllegalArgumentException("--only must be score or eval, got " + only);
        Files.createDirectories(work);
        out.printf(Locale.ROOT, "r1j bench spark: %s vs one process, %d CPUs%n", master, Runtime.getRuntime().availableProcessors());
        SparkSession spark = null;
        JobTimes jobs = new JobTimes();
        try {
            if (!"eval".equals(only)) spark = scoreBench(jobs);
            if (spark == null) spark = session(jobs);
            if (!"score".equals(only)) evalBench(spark, jobs);
        } finally {
            if (spark != null) spark.stop();
        }
        return 0;
    }

    private SparkSession session(JobTimes jobs) {
        SparkSession spark = SparkRuns.session(master, Map.of("spark.ui.enabled", "false"), null);
        spark.sparkContext().addSparkListener(jobs);
        return spark;
    }

    private SparkSession scoreBench(JobTimes jobs) throws IOException {
        Path data = work.resolve("completions-" + completions + "x" + chars + ".jsonl");
        if (!Files.exists(data)) writeCorpus(data);
        out.printf(Locale.ROOT, "scoring: %,d completions of ~%d characters (%,d MB of JSON lines) with %s%n", completions, chars,
                Files.size(data) >> 20, reward);
        // warm-up: both sides score in this JVM, so the first would otherwise pay for compiling the verifiers
        RewardSource.read(reward).program().scoreAll(BenchCorpus.completions(20_000, chars, -1));
        double[] singleTimes = timeSingleProcessScore(data);
        double single = singleTimes[0];
        long t0 = System.nanoTime();
        SparkSession spark = session(jobs);
        double startup = (System.nanoTime() - t0) / 1e9;
        ScoreJob.Summary s = ScoreJob.run(spark, new ScoreSettings(RewardSource.read(reward), data.toString(), false,
                    work.resolve("spark-scores").toString(), false, "prompt", false), true);
        double sparkScore = s.seconds();
        jobs.drain(spark);
        out.println();
        out.println("| scoring " + String.format(Locale.ROOT, "%,d", completions) + " completions | one process (reward score) | " + master + " (spark score) | ratio |");
        out.println("| --- | --- | --- | --- |");
        out.printf(Locale.ROOT, "| wall time (s) | %.1f | %.1f (+ %.1f s session start) | %.2fx |%n", single, sparkScore, startup, sparkScore / single);
        out.printf(Locale.ROOT, "| completions/s | %,.0f | %,.0f | |%n", completions / single, completions / sparkScore);
        out.printf(Locale.ROOT, "Spark overhead over one process: %+.1f%% (target: under 25%%); where Spark's time went:%n", 100 * (sparkScore / single - 1));
        jobs.print(out);
        out.printf(Locale.ROOT, "one process: %.1f s scoring (on every core), %.1f s reading, parsing and writing (one thread)%n",
                singleTimes[1], single - singleTimes[1]);
        return spark;
    }

    private void writeCorpus(Path data) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path tmp = data.resolveSibling(data.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            int chunk = 10_000;
            for (int start = 0; start < completions; start += chunk) {
                for (Sample s : BenchCorpus.completions(Math.min(chunk, completions - start), chars, start)) {
                    w.write(json.writeValueAsString(Map.of("prompt", s.prompt(), "completion", s.completion(), "answer", s.reference())));
                    w.write('\n');
                }
            }
        }
        Files.move(tmp, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** reward score's wall time, and the part of it it reports as scoring (the rest: reading, parsing, writing). */
    private double[] timeSingleProcessScore(Path data) {
        Path scores = work.resolve("single-scores.jsonl");
        long t0 = System.nanoTime();
        PrintStream err = System.err;
        java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(summary, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new RewardCommand()).execute("score", reward.toString(), "--data", data.toString(), "--out", scores.toString());
            if (code != 0) throw new IllegalStateException("reward score failed with exit code " + code + ": " + summary);
        } finally {
            System.setErr(err);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("scored \\d+ samples in ([0-9.]+) s").matcher(summary.toString(StandardCharsets.UTF_8));
        return new double[] {wall, m.find() ? Double.parseDouble(m.group(1)) : Double.NaN};
    }

    private void evalBench(SparkSession spark, JobTimes jobs) {
        Path dir = model;
        if (dir == null) {
            dir = Path.of("runs/demo/grpo/model");
            if (!Files.isDirectory(dir)) {
                dir = work.resolve("tiny-model");
                if (!Files.isDirectory(dir)) {
                    CharTokenizer tok = CharTokenizer.ascii();
                    Checkpoint.save(DecoderModel.random(ModelPresets.byName("tiny", tok.vocabSize()), 1), tok, dir);
                }
            }
        }
        TaskSpec spec = TaskSpec.of("arithmetic", 1, null, "gsm8k");
        Task task = spec.task();
        List<Problem> list = task.problems(Split.TEST, problems);
        EvalConfig cfg = new EvalConfig(k, 0.6, 0.95, 64, true, List.of("</answer>"), 1234);
        LoadedModel m = Checkpoint.load(dir);
        // warm-up: both sides run in this JVM, so whichever went first would pay for compiling the model's code
        new Evaluator(cfg, task.checker(), task.template()).evaluate(new ModelSampler(m.model(), RunContext.markersKept(m.tokenizer())),
                list.subList(0, Math.min(16, list.size())));
        long t0 = System.nanoTime();
        EvalResult single = new Evaluator(cfg, task.checker(), task.template())
                .evaluate(new ModelSampler(m.model(), RunContext.markersKept(m.tokenizer())), list);
        double singleS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        EvalResult distributed = SparkEvaluation.run(spark, spec, new ModelSource(dir.toAbsolutePath().toString(), false), cfg, list);
        double sparkS = (System.nanoTime() - t0) / 1e9;
        out.println();
        out.println("| evaluating " + dir + " (" + problems + " problems, k=" + k + " + greedy) | one process (r1j eval) | " + master + " (spark eval) | ratio |");
        out.println("| --- | --- | --- | --- |");
        out.printf(Locale.ROOT, "| wall time (s) | %.1f | %.1f | %.2fx |%n", singleS, sparkS, sparkS / singleS);
        out.printf(Locale.ROOT, "| problems/s | %.1f | %.1f | |%n", problems / singleS, problems / sparkS);
        boolean same = single.summary().equals(distributed.summary()) && single.perProblem().printAll().equals(distributed.perProblem().printAll());
        out.println("same result, every problem's row included: " + same + " (" + distributed.summary() + ")");
        jobs.drain(spark);
        jobs.print(out);
    }

    /** Each Spark job's wall time, by what it did (Spark's call site names the action). */
    private static final class JobTimes extends SparkListener {
        private final Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Double> seconds = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        private final Map<Integer, String> names = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart e) {
            started.put(e.jobId(), e.time());
            // the job's last stage is the one its action created; Spark names stages by call site ("json at ScoreJob.java:70")
            String site = e.stageInfos().isEmpty() ? "?" : e.stageInfos().maxBy(i -> i.stageId(), scala.math.Ordering.Int$.MODULE$).name();
            names.put(e.jobId(), "job " + e.jobId() + " (" + site + ")");
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd e) {
            Long t = started.remove(e.jobId());
            if (t != null) seconds.put(names.remove(e.jobId()), (e.time() - t) / 1000.0);
        }

        /** Waits for the listener to have seen every finished job. */
        void drain(SparkSession spark) {
            try {
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Spark's listener bus did not drain", e);
            }
        }

        /** Prints the jobs seen since the last print. */
        void print(PrintStream out) {
            synchronized (seconds) {
                seconds.forEach((n, s) -> out.printf(Locale.ROOT, "  %-60s %6.1f s%n", n, s));
                seconds.clear();
            }
        }
    }
}
