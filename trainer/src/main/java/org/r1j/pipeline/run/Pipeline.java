package org.r1j.pipeline.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r1j.dsl.Rewarder;
import org.r1j.grpo.GrpoConfig;
import org.r1j.train.TrainingListener;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.pipeline.task.Task;
import org.r1j.train.SftConfig;

/**
 * Stages chained as DeepSeek-R1 does (cold start → GRPO → rejection sampling → SFT → GRPO), as R1-Zero does (GRPO
 * from a base model), or in any order. Every stage writes into {@code <runsDir>/<name>/<NN>-<kind>/}: training
 * stages their metrics, report and final {@code model/}, sampling stages {@code data.jsonl}, evaluations
 * {@code eval.csv}; a {@code done.json} marks a finished stage, so {@code resume} skips it and picks up the saved
 * model or data, and continues an interrupted training stage from its checkpoint.
 *
 * <pre>{@code
 * Pipeline.builder("arith-r1", task, rewards, ModelSpec.random("tiny", 1))
 *     .sft(SftConfig.defaults(300), SftStage.COLD_START, 2000)
 *     .grpo(grpoConfig, 2000)
 *     .rejection(RejectionConfig.defaults(64), 500)
 *     .sft(SftConfig.defaults(200), SftStage.PREVIOUS, 0)
 *     .grpo(grpoConfig, 2000)
 *     .eval(EvalConfig.r1(8, 64), 100)
 *     .build().run(System.out, false);
 * }</pre>
 */
public final class Pipeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path runsDir;
    private final Task task;
    private final Rewarder rewarder;
    private final ModelSpec model;
    private final List<Stage> stages;
    private final List<String> folders;   // per stage, under the run folder
    private final List<String> titles;    // per stage, in the log
    private final boolean brief;
    private final List<TrainingListener> listeners;

    private Pipeline(Builder b) {
        this.listeners = List.copyOf(b.listeners);
        this.name = b.name;
        this.runsDir = b.runsDir;
        this.task = b.task;
        this.rewarder = b.task.rewarder(b.rewarder);
        this.model = b.model;
        this.stages = List.copyOf(b.stages);
        this.brief = b.brief;
        List<String> f = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            f.add(b.folders.getOrDefault(i, String.format(Locale.ROOT, "%02d-%s", i + 1, stages.get(i).kind())));
            t.add(b.titles.getOrDefault(i, stages.get(i).kind()));
        }
        this.folders = List.copyOf(f);
        this.titles = List.copyOf(t);
    }

    /** The folder of stage {@code i} (0-based): {@code <run>/<NN>-<kind>} unless the builder named it. */
    public Path stageDir(int i) {
        return runDir().resolve(folders.get(i));
    }

    public static Builder builder(String name, Task task, Rewarder rewardProgram, ModelSpec model) {
        return new Builder(name, task, rewardProgram, model);
    }

    public Path runDir() {
        return runsDir.resolve(name);
    }

    public List<Stage> stages() {
        return stages;
    }

    /**
     * What a run did.
     *
     * @param stages      each finished (or resumed) stage in order
     * @param interrupted the message when an interrupt stopped the run, else null
     * @param finalModel  the last saved model directory, or null when no stage trained
     */
    public record Result(List<StageOutcome> stages, String interrupted, Path finalModel) {
    }

    /** Runs every stage in order; with {@code resume}, finished stages are skipped and their outputs reused. */
    public Result run(PrintStream log, boolean resume) {
        Path runDir = runDir();
        LoadedModel start = model.open(task.extraCharacters());
        RunContext ctx = new RunContext(task, rewarder, start, log, resume, brief, listeners);
        ctx.detail(String.format(Locale.ROOT, "pipeline %s: task %s, %,d parameters, %d stages → %s", name, task.name(),
                ctx.model().parameters().count(), stages.size(), runDir));
        try {
            List<StageOutcome> outcomes = new ArrayList<>();
            Path finalModel = null;
            for (int i = 0; i < stages.size(); i++) {
                Stage stage = stages.get(i);
                Path dir = stageDir(i);
                Path done = dir.resolve("done.json");
                log.printf(Locale.ROOT, "%d/%d %s%n", i + 1, stages.size(), titles.get(i));
                if (resume && Files.isRegularFile(done)) {
                    if (stage.trainsModel()) {
                        ctx.setModel(Checkpoint.load(dir.resolve("model")));
                        finalModel = dir.resolve("model");
                    }
                    if (stage instanceof RejectionStage) {
                        ctx.setLastData(org.r1j.pipeline.data.SftJsonl.load(dir.resolve("data.jsonl")).items());
                    }
                    Map<String, String> results = readDone(done);
                    log.println("    already done (resume): " + results);
                    outcomes.add(new StageOutcome(i + 1, stage.kind(), dir, 0, results, true));
                    continue;
                }
                long t0 = System.nanoTime();
                Map<String, String> results;
                try {
                    Files.createDirectories(dir);
                    results = stage.run(ctx, dir);
                } catch (Stage.StageInterrupted e) {
                    ctx.detail("pipeline " + name + ": " + e.getMessage());
                    return new Result(outcomes, e.getMessage(), finalModel);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
                }
                if (stage.trainsModel()) {
                    finalModel = dir.resolve("model");
                    Checkpoint.save(ctx.model(), ctx.saveTokenizer(), finalModel);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                writeDone(done, results);
                outcomes.add(new StageOutcome(i + 1, stage.kind(), dir, secs, results, false));
                PipelineSummary.write(runDir.resolve("pipeline.csv"), outcomes); // after every stage: a killed run keeps it
                ctx.detail(String.format(Locale.ROOT, "    done in %.0f s: %s", secs, results));
            }
            PipelineSummary.write(runDir.resolve("pipeline.csv"), outcomes);
            ctx.detail("pipeline " + name + " finished: " + runDir.resolve("pipeline.csv")
                    + (finalModel == null ? "" : "; final model " + finalModel));
            return new Result(outcomes, null, finalModel);
        } finally {
            ctx.closeModel();
        }
    }

    private static void writeDone(Path done, Map<String, String> results) {
        try {
            Path tmp = done.resolveSibling("done.json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), results);
            Files.move(tmp, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + done + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readDone(Path done) {
        try {
            return JSON.readValue(done.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + done + " (delete the stage folder to rerun it): " + e.getMessage(), e);
        }
    }

    /** Adds stages in order; {@link #r1} and {@link #r1Zero} add the paper's recipes. */
    public static final class Builder {
        private final String name;
        private final Task task;
        private final Rewarder rewarder;
        private final ModelSpec model;
        private Path runsDir = Path.of("runs");
        private final List<Stage> stages = new ArrayList<>();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private final Map<Integer, String> folders = new java.util.HashMap<>();
        private final Map<Integer, String> titles = new java.util.HashMap<>();
        private boolean brief;

        private Builder(String name, Task task, Rewarder rewarder, ModelSpec model) {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("pipeline name must be letters, digits, '.', '_' or '-', got '" + name + "'");
            }
            this.name = name;
            this.task = task;
            this.rewarder = rewarder;
            this.model = model;
        }

        /** Parent folder of the run folder (default {@code runs}). */
        public Builder runsDir(Path dir) {
            this.runsDir = dir;
            return this;
        }

        /** Also told about every step of every training stage (e.g. a live notebook display). */
        public Builder listener(TrainingListener l) {
            listeners.add(l);
            return this;
        }

        public Builder stage(Stage s) {
            stages.add(s);
            return this;
        }

        /**
         * Names the stage added last: its folder under the run folder (instead of {@code <NN>-<kind>}) and the title
         * its log line shows (instead of its kind).
         */
        public Builder as(String folder, String title) {
            if (stages.isEmpty()) throw new IllegalStateException("as(...) names the stage added before it; add a stage first");
            if (folder == null || !folder.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("stage folder must be letters, digits, '.', '_' or '-', got '" + folder + "'");
            }
            if (folders.containsValue(folder)) throw new IllegalArgumentException("two stages in folder '" + folder + "'");
            folders.put(stages.size() - 1, folder);
            titles.put(stages.size() - 1, title);
            return this;
        }

        /**
         * Logs each stage's title and what it measured, without the pipeline's own framing (run and stage summaries)
         * or the stages' settings lines: for a command with its own narration, such as {@code r1j demo}.
         */
        public Builder brief() {
            this.brief = true;
            return this;
        }

        public Builder sft(SftConfig config, String data, int examples) {
            return stage(new SftStage(config, data, examples));
        }

        /** A cold start on data where a share {@code slipRate} of final answers carry a slip (see {@link SftStage}). */
        public Builder sft(SftConfig config, String data, int examples, double slipRate) {
            return stage(new SftStage(config, data, examples, slipRate));
        }

        /** SFT with held-out evaluation during the stage. */
        public Builder sft(SftConfig config, String data, int examples, double slipRate, InRunEval eval) {
            return stage(new SftStage(config, data, examples, slipRate, eval));
        }

        public Builder grpo(GrpoConfig config, int problems) {
            return stage(new GrpoStage(config, problems));
        }

        /** GRPO with held-out evaluation during the stage ({@code eval_steps}, best checkpoint, …). */
        public Builder grpo(GrpoConfig config, int problems, InRunEval eval) {
            return stage(new GrpoStage(config, problems, eval));
        }

        public Builder rejection(RejectionConfig config, int prompts) {
            return stage(new RejectionStage(config, prompts, null));
        }

        /** Distillation: the teacher's filtered samples, then SFT of the current (student) model on them. */
        public Builder distill(Path teacher, RejectionConfig sampling, int prompts, SftConfig sft) {
            stage(new RejectionStage(sampling, prompts, teacher));
            return stage(new SftStage(sft, SftStage.PREVIOUS, 0));
        }

        public Builder eval(EvalConfig config, int problems) {
            return stage(new EvalStage(config, problems));
        }

        /** R1: cold-start SFT → GRPO → rejection sampling → SFT on the kept samples → GRPO. */
        public Builder r1(SftConfig coldStart, int coldStartExamples, GrpoConfig grpo, int grpoProblems,
                          RejectionConfig rejection, int rejectionPrompts, SftConfig sft) {
            return sft(coldStart, SftStage.COLD_START, coldStartExamples).grpo(grpo, grpoProblems)
                    .rejection(rejection, rejectionPrompts).sft(sft, SftStage.PREVIOUS, 0).grpo(grpo, grpoProblems);
        }

        /** R1-Zero: GRPO straight from the base model. */
        public Builder r1Zero(GrpoConfig grpo, int grpoProblems) {
            return grpo(grpo, grpoProblems);
        }

        public Pipeline build() {
            if (stages.isEmpty()) throw new IllegalArgumentException("pipeline " + name + " has no stages");
            return new Pipeline(this);
        }
    }
}
