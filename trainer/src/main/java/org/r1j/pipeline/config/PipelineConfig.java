package org.r1j.pipeline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.pipeline.run.ModelSpec;
import org.r1j.pipeline.run.Pipeline;
import org.r1j.pipeline.run.Stage;
import org.r1j.pipeline.task.Task;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A pipeline YAML file ({@code ./r1j train CONFIG.yaml}), read and checked in full before anything runs:
 * <pre>
 * name: arithmetic-r1            # run folder: runs_dir/name
 * runs_dir: runs                 # default runs
 * task: {name: arithmetic, seed: 1}          # see {@link TaskFactory}
 * reward: rewards/r1.reward      # default: the task's reward file
 * model: {preset: tiny, seed: 1}             # or {path: runs/other/03-grpo/model}
 * stages:                        # in order; see {@link StageYaml}
 *   - sft: {data: cold_start, examples: 2000, max_steps: 300, learning_rate: 0.002}
 *   - grpo: {problems: 2000, max_steps: 60, num_generations: 8}
 *   - eval: {problems: 100, k: 8}
 * </pre>
 * Relative paths resolve against the working directory, else the config file's folder.
 *
 * @param name     run name
 * @param runsDir  parent of the run folder
 * @param task     the task
 * @param taskYaml the task section as written (kept for the effective config)
 * @param reward   reward file path
 * @param model    where the first model comes from
 * @param stages   the stages in order
 */
public record PipelineConfig(String name, Path runsDir, Task task, Map<String, Object> taskYaml, Path reward,
                             ModelSpec model, List<Stage> stages) {

    public static PipelineConfig read(Path file) {
        Path base = file.toAbsolutePath().getParent();
        return parse(YamlDoc.read(file), base == null ? Path.of(".") : base);
    }

    public static PipelineConfig parse(YamlDoc doc, Path baseDir) {
        return parse(doc, "", doc.root(), baseDir);
    }

    /**
     * A pipeline config held at {@code at} inside a larger document (a sweep's {@code base:}), so errors name the
     * path and line in that document: {@code sweep.yaml:9: base.stages[2].grpo.beta: …}.
     */
    public static PipelineConfig parse(YamlDoc doc, String at, Object tree, Path baseDir) {
        Settings top = new Settings(doc, at, tree);
        for (String k : List.of("name", "runs_dir", "task", "reward", "model", "stages")) top.raw(k);
        top.rejectUnknown(); // a misspelt top-level key first: it usually explains whatever else looks missing
        String name = top.requiredText("name");
        if (!name.matches("[A-Za-z0-9._-]+")) throw top.error("name", "use letters, digits, '.', '_' or '-', got '" + name + "'");
        Path runsDir = Path.of(top.text("runs_dir", "runs"));
        if (!top.has("task")) throw doc.error(at, "missing required key 'task'");
        Settings taskSettings = new Settings(doc, top.child("task"), top.raw("task"));
        Task task = TaskFactory.create(taskSettings, baseDir);
        Path reward = TaskFactory.resolve(baseDir, top.text("reward", task.rewardFile()));
        if (!Files.isRegularFile(reward)) throw top.error("reward", "reward file not found: " + reward);
        if (!top.has("model")) throw doc.error(at, "missing required key 'model'");
        ModelSpec model = model(new Settings(doc, top.child("model"), top.raw("model")), baseDir);
        Object rawStages = top.raw("stages");
        if (!(rawStages instanceof List<?> list) || list.isEmpty()) {
            throw top.error("stages", "expected a non-empty list of stages (- sft: {...}, - grpo: {...}, …)");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = top.child("stages") + "[" + (i + 1) + "]";
            if (!(list.get(i) instanceof Map<?, ?> m) || m.size() != 1) {
                throw doc.error(path, "each stage is one of " + String.join(", ", StageYaml.KINDS) + " with its settings, e.g. - grpo: {max_steps: 50}");
            }
            String kind = String.valueOf(m.keySet().iterator().next());
            stages.add(StageYaml.parse(kind, new Settings(doc, path + "." + kind, m.values().iterator().next())));
        }
        top.rejectUnknown();
        @SuppressWarnings("unchecked")
        Map<String, Object> taskYaml = new LinkedHashMap<>((Map<String, Object>) top.raw("task"));
        return new PipelineConfig(name, runsDir, task, taskYaml, reward, model, List.copyOf(stages));
    }

    private static ModelSpec model(Settings s, Path baseDir) {
        ModelSpec m;
        if (s.has("path")) {
            Path p = TaskFactory.resolve(baseDir, s.text("path", null));
            if (!Files.isDirectory(p)) throw s.error("path", "not a model directory: " + p);
            m = ModelSpec.load(p);
        } else {
            String preset = s.text("preset", null);
            if (preset == null) throw s.doc().error(s.path(), "model needs path: DIR or preset: tiny|small");
            if (!preset.equals("tiny") && !preset.equals("small")) throw s.error("preset", "expected tiny or small, got '" + preset + "'");
            m = ModelSpec.random(preset, s.longValue("seed", 1));
        }
        s.rejectUnknown();
        return m;
    }

    /** Compiles the reward file and builds the runnable pipeline; reward-file errors come back with file:line:col. */
    public Pipeline pipeline() {
        return builder().build();
    }

    /** As {@link #pipeline}, before it is built: to add listeners or change the runs folder. */
    public Pipeline.Builder builder() {
        CompileResult compiled = RewardProgram.compile(reward);
        if (!compiled.ok()) throw new ConfigException(reward.toString(), 0, "reward file has errors:\n" + compiled.render());
        Pipeline.Builder b = Pipeline.builder(name, task, compiled.program().orElseThrow(), model).runsDir(runsDir);
        stages.forEach(b::stage);
        return b;
    }

    /** Every setting spelt out, defaults included: written to the run folder as {@code config.yaml}. */
    public Map<String, Object> effective() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("runs_dir", runsDir.toString());
        m.put("task", taskYaml);
        m.put("reward", reward.toString());
        Map<String, Object> mm = new LinkedHashMap<>();
        if (model.path() != null) {
            mm.put("path", model.path().toString());
        } else {
            mm.put("preset", model.preset());
            mm.put("seed", model.seed());
        }
        m.put("model", mm);
        List<Object> st = new ArrayList<>();
        for (Stage s : stages) st.add(Map.of(s.kind(), StageYaml.toMap(s)));
        m.put("stages", st);
        return m;
    }

    public String effectiveYaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(120);
        return new Yaml(o).dump(effective());
    }
}
