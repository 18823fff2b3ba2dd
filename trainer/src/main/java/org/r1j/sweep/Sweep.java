package org.r1j.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.r1j.pipeline.config.YamlDoc;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A sweep from a notebook (or a sweep file): a base pipeline config plus axes; {@link #run()} returns the results
 * table. The same runs, folders and report as {@code ./r1j sweep SWEEP.yaml}.
 * <pre>{@code
 * var sweep = Sweep.builder("loss-beta")
 *     .base(Path.of("../configs/sweep-base.yaml"))          // or .baseYaml("""task: ... stages: ...""")
 *     .grid("grpo.loss_type", "dapo", "grpo")
 *     .grid("grpo.beta", 0.0, 0.04)
 *     .seeds(1, 2)
 *     .runsDir(Path.of("runs"))
 *     .build();
 * sweep.runs()                  // the expanded runs, before anything trains
 * Table results = sweep.run();  // one row per run: settings, pass@1 ± s.e., best, wall time
 * }</pre>
 */
public final class Sweep {
    private final SweepPlan plan;
    private SweepResults last;

    private Sweep(SweepSpec spec) {
        this.plan = SweepPlan.of(spec);
    }

    /** A sweep file ({@link SweepSpec} shows its keys). */
    public static Sweep read(Path file) {
        return new Sweep(SweepSpec.read(file));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public SweepPlan plan() { return plan; }
    public Path dir() { return plan.spec().sweepDir(); }
    public Path reportHtml() { return dir().resolve("report.html"); }
    public Path resultsCsv() { return dir().resolve("results.csv"); }

    /** The runs it will make: name and settings, before anything trains. */
    public Table runs() {
        Table t = Table.create(plan.spec().name() + ": " + plan.describe());
        t.addColumns(StringColumn.create("run", plan.runs().stream().map(SweepRun::name).toList()));
        for (SweepAxis a : plan.spec().axes()) {
            t.addColumns(StringColumn.create(a.key(), plan.runs().stream().map(r -> SweepRun.display(r.settings().get(a.key()))).toList()));
        }
        return t;
    }

    /** Runs it (resuming what is on disk), logging to stdout; the results table. */
    public Table run() {
        return run(SweepListener.NONE, System.out);
    }

    public Table run(SweepListener listener) {
        return run(listener, System.out);
    }

    public Table run(SweepListener listener, PrintStream console) {
        last = new SweepRunner(plan, listener, console).run();
        return last.table();
    }

    /** The last run's results (null before {@link #run}). */
    public SweepResults results() {
        return last;
    }

    /** Builds a sweep in code; the keys and values mean what they mean in a sweep file. */
    public static final class Builder {
        private final String name;
        private Path runsDir = Path.of("runs");
        private YamlDoc baseDoc;
        private Path baseDir = Path.of("").toAbsolutePath();
        private final List<SweepAxis> axes = new ArrayList<>();
        private SweepAxis seeds;
        private int parallel;
        private long sampleSeed;

        private Builder(String name) {
            this.name = name;
        }

        /** The base pipeline config file ({@code ./r1j train} format). */
        public Builder base(Path pipelineYaml) {
            this.baseDoc = YamlDoc.read(pipelineYaml);
            Path parent = pipelineYaml.toAbsolutePath().getParent();
            this.baseDir = parent == null ? Path.of(".") : parent;
            return this;
        }

        /** The base pipeline config as YAML text; relative paths resolve against the working directory. */
        public Builder baseYaml(String yaml) {
            this.baseDoc = YamlDoc.parse("(base config)", yaml);
            return this;
        }

        public Builder grid(String key, Object... values) {
            axes.add(SweepAxis.of(key, Arrays.asList(values)));
            return this;
        }

        public Builder uniform(String key, double low, double high, int samples) {
            axes.add(SweepAxis.uniform(key, low, high, samples, sampleSeed, 0));
            return this;
        }

        public Builder logUniform(String key, double low, double high, int samples) {
            axes.add(SweepAxis.logUniform(key, low, high, samples, sampleSeed, 0));
            return this;
        }

        /** Seeds of the grpo stages ({@code grpo.seed}), the last axis. */
        public Builder seeds(Object... values) {
            return seeds("grpo.seed", values);
        }

        public Builder seeds(String key, Object... values) {
            this.seeds = SweepAxis.of(key, Arrays.asList(values));
            return this;
        }

        /** Runs at once (default: what the cores and memory allow). */
        public Builder parallel(int n) {
            this.parallel = n;
            return this;
        }

        public Builder runsDir(Path dir) {
            this.runsDir = dir;
            return this;
        }

        /** Seed of the sampled axes' values (set before {@link #uniform} / {@link #logUniform}). */
        public Builder sampleSeed(long seed) {
            this.sampleSeed = seed;
            return this;
        }

        public Sweep build() {
            if (baseDoc == null) throw new IllegalArgumentException("sweep " + name + " needs a base config: base(Path) or baseYaml(String)");
            if (!(baseDoc.root() instanceof Map<?, ?>)) throw new IllegalArgumentException("the base config must be a mapping (task, model, stages)");
            List<SweepAxis> all = new ArrayList<>(axes);
            if (seeds != null) all.add(seeds);
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) baseDoc.root();
            return new Sweep(new SweepSpec("(notebook)", name, runsDir, baseDoc, "", tree, baseDir, all, parallel));
        }
    }
}
