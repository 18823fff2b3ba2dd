package org.r1j.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.r1j.pipeline.config.ConfigException;
import org.r1j.pipeline.config.Settings;
import org.r1j.pipeline.config.YamlDoc;

/**
 * What a sweep file says ({@code ./r1j sweep SWEEP.yaml}), read and checked for shape; {@link SweepPlan} checks
 * every run's config.
 * <pre>
 * name: lr-beta                      # folder: runs_dir/name
 * runs_dir: runs                     # default runs
 * base: configs/arithmetic-r1.yaml   # a pipeline config file, or the config itself as a mapping (task, model, stages)
 * axes:                              # grid over every combination
 *   grpo.loss_type: [dapo, grpo]     # a list of values
 *   grpo.beta: [0.0, 0.04]
 *   grpo.learning_rate: {log_uniform: [5.0e-5, 5.0e-4], samples: 2}   # or uniform: [low, high]
 * seeds: [1, 2]                      # one more axis, over seed_key (default grpo.seed)
 * parallel: 1                        # runs at once; default: what the cores and memory allow
 * sample_seed: 0                     # seed of the sampled axes' values
 * </pre>
 *
 * @param file     the sweep file (for messages), or "(notebook)"
 * @param name     the sweep's name
 * @param runsDir  parent folder of the sweep folder
 * @param baseDoc  the document holding the base config (for the lines in errors)
 * @param baseAt   the base config's path in {@code baseDoc} ("" for a file of its own, "base" when inline)
 * @param base     the base pipeline config as plain values
 * @param baseDir  where relative paths in the base config resolve
 * @param axes     in order; the first varies slowest in the run list
 * @param parallel runs at once; 0 = {@link #autoParallel()}
 */
public record SweepSpec(String file, String name, Path runsDir, YamlDoc baseDoc, String baseAt, Map<String, Object> base,
                        Path baseDir, List<SweepAxis> axes, int parallel) {
    public SweepSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("sweep name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        if (axes.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one axis (or seeds)");
        if (parallel < 0) throw new IllegalArgumentException("parallel must be >= 0 (0 = auto), got " + parallel);
        axes = List.copyOf(axes);
    }

    /**
     * Runs at once when not set: half the cores (each run's GEMMs use the backend's threads, and two runs on two cores
     * only take turns), at most one per 2 GiB of heap, at least one.
     */
    public static int autoParallel() {
        int byCores = Runtime.getRuntime().availableProcessors() / 2;
        long byMemory = Runtime.getRuntime().maxMemory() / (2L << 30);
        return (int) Math.max(1, Math.min(byCores, byMemory));
    }

    public int effectiveParallel() {
        return parallel > 0 ? parallel : autoParallel();
    }

    public Path sweepDir() {
        return runsDir.resolve(name);
    }

    public static SweepSpec read(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return parse(YamlDoc.read(file), dir == null ? Path.of(".") : dir);
    }

    public static SweepSpec parse(YamlDoc doc, Path fileDir) {
        Settings top = new Settings(doc, "", doc.root());
        for (String k : List.of("name", "runs_dir", "base", "axes", "seeds", "seed_key", "parallel", "sample_seed")) top.raw(k);
        top.rejectUnknown();
        String name = top.requiredText("name");
        if (!name.matches("[A-Za-z0-9._-]+")) throw top.error("name", "use letters, digits, '.', '_' or '-', got '" + name + "'");
        Path runsDir = Path.of(top.text("runs_dir", "runs"));
        int parallel = top.integer("parallel", 0);
        if (parallel < 0) throw top.error("parallel", "must be >= 0 (0 = auto), got " + parallel);
        long sampleSeed = top.longValue("sample_seed", 0);

        if (!top.has("base")) throw doc.error("", "missing required key 'base' (a pipeline config file, or the config as a mapping)");
        YamlDoc baseDoc;
        String baseAt;
        Object base = top.raw("base");
        Path baseDir = fileDir;
        if (base instanceof String path) {
            Path p = resolve(fileDir, path);
            if (!Files.isRegularFile(p)) throw top.error("base", "pipeline config not found: " + p);
            baseDoc = YamlDoc.read(p);
            baseAt = "";
            base = baseDoc.root();
            baseDir = p.toAbsolutePath().getParent();
        } else if (base instanceof Map<?, ?>) {
            baseDoc = doc;
            baseAt = "base";
        } else {
            throw top.error("base", "expected a pipeline config file name or a mapping, got " + base);
        }
        if (!(base instanceof Map<?, ?>)) throw top.error("base", "the base config must be a mapping (task, model, stages)");
        @SuppressWarnings("unchecked")
        Map<String, Object> baseTree = (Map<String, Object>) base;

        List<SweepAxis> axes = new ArrayList<>();
        Object rawAxes = top.raw("axes");
        if (rawAxes != null) {
            if (!(rawAxes instanceof Map<?, ?> m)) throw top.error("axes", "expected a mapping of key: values, e.g. grpo.beta: [0.0, 0.04]");
            for (Map.Entry<?, ?> e : m.entrySet()) axes.add(axis(doc, "axes", String.valueOf(e.getKey()), e.getValue(), sampleSeed));
        }
        if (top.has("seeds")) {
            String key = top.text("seed_key", "grpo.seed");
            axes.add(axis(doc, "", "seeds", top.raw("seeds"), sampleSeed).rekey(key));
        } else if (top.has("seed_key")) {
            throw top.error("seed_key", "seed_key needs seeds: [..]");
        }
        if (axes.isEmpty()) throw doc.error("", "a sweep needs axes: (or seeds:) to vary");
        return new SweepSpec(doc.file(), name, runsDir, baseDoc, baseAt, baseTree, baseDir, axes, parallel);
    }

    private static SweepAxis axis(YamlDoc doc, String parent, String key, Object value, long sampleSeed) {
        String path = parent.isEmpty() ? key : parent + "." + key;
        int line = doc.line(path);
        try {
            if (value instanceof List<?> list) {
                if (list.isEmpty()) throw doc.error(path, "the axis has no values");
                for (Object v : list) {
                    if (v instanceof Map || v instanceof List) throw doc.error(path, "axis values must be single values, got " + v);
                }
                return new SweepAxis(key, new ArrayList<>(list), line);
            }
            if (value instanceof Map<?, ?> m) {
                Settings s = new Settings(doc, path, m);
                int samples = s.integer("samples", 0);
                if (samples < 1) throw s.error("samples", "a sampled axis needs samples: N >= 1");
                for (String kind : List.of("uniform", "log_uniform")) {
                    if (!s.has(kind)) continue;
                    if (!(s.raw(kind) instanceof List<?> r) || r.size() != 2 || !(r.get(0) instanceof Number lo) || !(r.get(1) instanceof Number hi)) {
                        throw s.error(kind, "expected [low, high]");
                    }
                    s.rejectUnknown();
                    return kind.equals("uniform") ? SweepAxis.uniform(key, lo.doubleValue(), hi.doubleValue(), samples, sampleSeed, line)
                            : SweepAxis.logUniform(key, lo.doubleValue(), hi.doubleValue(), samples, sampleSeed, line);
                }
                throw doc.error(path, "a sampled axis is {uniform: [low, high], samples: N} or {log_uniform: [low, high], samples: N}");
            }
            throw doc.error(path, "expected a list of values, or {uniform|log_uniform: [low, high], samples: N}; got " + value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(doc.file(), line, path + ": " + e.getMessage());
        }
    }

    static Path resolve(Path baseDir, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || Files.exists(p)) return p;
        return baseDir.resolve(p);
    }
}
