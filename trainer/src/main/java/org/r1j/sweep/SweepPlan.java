package org.r1j.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.r1j.pipeline.config.ConfigException;
import org.r1j.pipeline.config.PipelineConfig;
import org.r1j.pipeline.run.Stage;

/**
 * A sweep's runs, expanded and checked before anything trains: the grid of all axis values (first axis slowest),
 * each run's config parsed with the pipeline's own checks, an error naming the sweep file's line of the axis that
 * made it. The stages before the first one any axis changes are the same in every run: they run once, in
 * {@code shared/}, and each run starts from the model they leave.
 */
public final class SweepPlan {
    /** The folder of the stages all runs share. */
    public static final String SHARED = "shared";

    private final SweepSpec spec;
    private final List<SweepRun> runs = new ArrayList<>();
    private final Map<String, Map<String, Object>> trees = new LinkedHashMap<>();
    private final int sharedStages;
    private final int stageCount;

    private SweepPlan(SweepSpec spec) {
        this.spec = spec;
        int first = Integer.MAX_VALUE;
        Set<String> names = new HashSet<>();
        List<Map<String, Object>> combos = combinations(spec.axes());
        boolean duplicateShort = spec.axes().stream().map(SweepAxis::shortName).distinct().count() < spec.axes().size();
        for (Map<String, Object> settings : combos) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) ConfigPath.copy(spec.base());
            for (SweepAxis axis : spec.axes()) {
                try {
                    for (int touched : ConfigPath.set(tree, axis.key(), settings.get(axis.key()))) first = Math.min(first, touched);
                } catch (IllegalArgumentException e) {
                    throw axisError(axis, e.getMessage());
                }
            }
            String name = uniqueName(name(settings, duplicateShort), names);
            SweepRun run = new SweepRun(runs.size(), name, settings);
            parse(run, tree);     // every run is checked now: a bad value fails the sweep before it starts
            runs.add(run);
            trees.put(name, tree);
        }
        this.stageCount = ConfigPath.stages(spec.base()).size();
        this.sharedStages = shareable(spec.base(), first == Integer.MAX_VALUE ? 0 : Math.max(0, first));
    }

    public static SweepPlan of(SweepSpec spec) {
        return new SweepPlan(spec);
    }

    public SweepSpec spec() { return spec; }
    public List<SweepRun> runs() { return List.copyOf(runs); }
    /** How many leading stages run once in {@code shared/} (0 = none). */
    public int sharedStages() { return sharedStages; }

    /** The shared stages as a pipeline writing to {@code SWEEP/shared/}; only when {@link #sharedStages()} > 0. */
    public PipelineConfig sharedConfig() {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) ConfigPath.copy(spec.base());
        tree.put("stages", new ArrayList<>(ConfigPath.stages(tree).subList(0, sharedStages)));
        tree.put("name", SHARED);
        tree.put("runs_dir", spec.sweepDir().toString());
        return PipelineConfig.parse(spec.baseDoc(), spec.baseAt(), tree, spec.baseDir());
    }

    /**
     * A run's own pipeline, in {@code SWEEP/RUN-NAME/}.
     *
     * @param sharedModel the model the shared stages ended with (null when nothing is shared)
     */
    public PipelineConfig config(SweepRun run, Path sharedModel) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) ConfigPath.copy(trees.get(run.name()));
        if (sharedStages > 0) {
            if (sharedModel == null) throw new IllegalArgumentException("run " + run.name() + " starts from the shared stages' model");
            tree.put("stages", new ArrayList<>(ConfigPath.stages(tree).subList(sharedStages, stageCount)));
            tree.put("model", new LinkedHashMap<>(Map.of("path", sharedModel.toAbsolutePath().toString())));
        }
        return parse(run, tree);
    }

    private PipelineConfig parse(SweepRun run, Map<String, Object> tree) {
        tree.put("name", run.name());
        tree.put("runs_dir", spec.sweepDir().toString());
        try {
            return PipelineConfig.parse(spec.baseDoc(), spec.baseAt(), tree, spec.baseDir());
        } catch (ConfigException e) {
            // name the axis whose value the error is about, when one is
            for (SweepAxis axis : spec.axes()) {
                String key = SweepRun.shortKey(axis.key());
                if (e.getMessage().contains("'" + key + "'") || e.getMessage().contains(key + " ") || e.getMessage().contains("." + key + ":")) {
                    throw axisError(axis, "run " + run.label() + ": " + e.getMessage());
                }
            }
            throw e;
        }
    }

    private ConfigException axisError(SweepAxis axis, String message) {
        String where = axis.key().startsWith("seed") || !spec.file().endsWith(".yaml") ? axis.key() : "axes." + axis.key();
        return new ConfigException(spec.file(), axis.line(), where + ": " + message);
    }

    /** Every combination, the first axis varying slowest (like nested loops in axis order). */
    static List<Map<String, Object>> combinations(List<SweepAxis> axes) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (SweepAxis axis : axes) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : axis.values()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis.key(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Stages {@code 0 .. first-1} can be shared when they train something and no later stage reads data they sampled
     * (an {@code sft: {data: previous}} needs its rejection stage in the same run).
     */
    private static int shareable(Map<String, Object> base, int first) {
        List<Object> stages = ConfigPath.stages(base);
        boolean trains = false;
        for (int i = 0; i < first; i++) {
            String kind = ConfigPath.kindOf(stages, i);
            trains |= kind.equals("sft") || kind.equals("grpo");
        }
        if (!trains) return 0;
        for (int i = first; i < stages.size(); i++) {
            String kind = ConfigPath.kindOf(stages, i);
            if (kind.equals("rejection") || kind.equals("distill")) break;
            if (kind.equals("sft") && "previous".equals(String.valueOf(ConfigPath.settingsOf(stages, i).get("data")))) return 0;
        }
        return first;
    }

    private static String name(Map<String, Object> settings, boolean fullKeys) {
        StringBuilder s = new StringBuilder();
        settings.forEach((k, v) -> s.append(s.isEmpty() ? "" : "_").append(fullKeys ? k.replace('.', '-') : SweepRun.shortKey(k))
                .append('-').append(SweepRun.display(v)));
        String n = s.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return n.equals(SHARED) ? n + "_" : n;
    }

    private static String uniqueName(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n); i++) n = name + "-" + i;
        return n;
    }

    /** "2 x 2 x 2 = 8 runs; shared: sft, eval" for logs. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (SweepAxis a : spec.axes()) s.append(s.isEmpty() ? "" : " x ").append(a.values().size()).append(" ").append(a.key());
        s.append(" = ").append(runs.size()).append(" runs");
        if (sharedStages > 0) {
            List<String> kinds = new ArrayList<>();
            List<Object> stages = ConfigPath.stages(spec.base());
            for (int i = 0; i < sharedStages; i++) kinds.add(ConfigPath.kindOf(stages, i));
            s.append("; run once for all, in ").append(SHARED).append("/: ").append(String.join(", ", kinds));
        }
        return s.toString();
    }

    /** The stage kinds each run runs itself. */
    List<String> ownStageKinds() {
        List<String> kinds = new ArrayList<>();
        PipelineConfig c = PipelineConfig.parse(spec.baseDoc(), spec.baseAt(), trees.values().iterator().next(), spec.baseDir());
        List<Stage> st = c.stages();
        for (int i = sharedStages; i < st.size(); i++) kinds.add(st.get(i).kind());
        return kinds;
    }
}
