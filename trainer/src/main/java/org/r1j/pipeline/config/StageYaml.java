package org.r1j.pipeline.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.grpo.GrpoConfig;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.pipeline.run.EvalStage;
import org.r1j.pipeline.run.GrpoStage;
import org.r1j.pipeline.run.RejectionStage;
import org.r1j.pipeline.run.SftStage;
import org.r1j.pipeline.run.Stage;
import org.r1j.train.SftConfig;

/**
 * One entry of {@code stages:} ↔ a {@link Stage}. The keys are the Java names in snake_case: the stage's own
 * ({@code data}, {@code examples}, {@code problems}, {@code prompts}, {@code teacher}) plus its config's
 * ({@link SftConfig}, {@link GrpoConfig}, {@link RejectionConfig}, {@link EvalConfig}); sft and grpo stages also take
 * the in-run evaluation keys of {@link InRunEval} ({@code eval_steps}, {@code metric_for_best_model}, …).
 */
public final class StageYaml {
    public static final List<String> KINDS = List.of("sft", "grpo", "rejection", "distill", "eval");

    private StageYaml() {
    }

    public static Stage parse(String kind, Settings s) {
        try {
            return switch (kind) {
                case "sft" -> {
                    String data = s.text("data", SftStage.COLD_START);
                    int examples = s.integer("examples", 1000);
                    double slipRate = s.number("slip_rate", 0);
                    Map<String, Object> rest = noOutputDir(s);
                    InRunEval eval = InRunEval.take(rest);
                    yield new SftStage(withEvalKeys(() -> SftConfig.fromMap(rest)), data, examples, slipRate, eval);
                }
                case "grpo" -> {
                    int problems = s.integer("problems", 1000);
                    Map<String, Object> rest = noOutputDir(s);
                    InRunEval eval = InRunEval.take(rest);
                    yield new GrpoStage(withEvalKeys(() -> GrpoConfig.fromMap(rest)), problems, eval);
                }
                case "rejection", "distill" -> {
                    int prompts = s.integer("prompts", 200);
                    Path teacher = s.has("teacher") ? Path.of(s.text("teacher", null)) : null;
                    if (kind.equals("distill") && teacher == null) throw s.error("teacher", "distill needs a teacher model directory");
                    if (kind.equals("rejection") && teacher != null) throw s.error("teacher", "use a distill stage to sample from a teacher");
                    RejectionConfig d = RejectionConfig.defaults(64);
                    RejectionConfig c = new RejectionConfig(s.integer("samples_per_prompt", d.samplesPerPrompt()),
                            s.number("temperature", d.temperature()), s.number("top_p", d.topP()),
                            s.integer("max_new_tokens", d.maxNewTokens()), s.longValue("seed", d.seed()),
                            s.flag("require_correct", d.requireCorrect()), s.flag("require_format", d.requireFormat()),
                            s.number("min_language_ratio", d.minLanguageRatio()), s.text("language", d.language()),
                            s.flag("drop_truncated", d.dropTruncated()), s.flag("drop_code_blocks", d.dropCodeBlocks()),
                            s.has("min_rewards") ? s.numberMap("min_rewards") : Map.of(),
                            s.integer("max_per_prompt", d.maxPerPrompt()));
                    s.rejectUnknown();
                    yield new RejectionStage(c, prompts, teacher);
                }
                case "eval" -> {
                    EvalConfig d = EvalConfig.r1(8, 64);
                    int problems = s.integer("problems", 100);
                    EvalConfig c = new EvalConfig(s.integer("k", d.k()), s.number("temperature", d.temperature()),
                            s.number("top_p", d.topP()), s.integer("max_new_tokens", d.maxNewTokens()),
                            s.flag("greedy", d.greedy()), s.textList("stop", d.stopStrings()), s.longValue("seed", d.seed()));
                    s.rejectUnknown();
                    yield new EvalStage(c, problems);
                }
                default -> throw s.doc().error(s.path(), "unknown stage '" + kind + "'; known: " + String.join(", ", KINDS));
            };
        } catch (IllegalArgumentException e) {
            throw s.explain(e);
        }
    }

    /** A config's "unknown setting" error also lists the in-run evaluation keys the stage takes. */
    private static <T> T withEvalKeys(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.startsWith("unknown ")) throw e;
            throw new IllegalArgumentException(m + "; in-run evaluation: " + String.join(", ", InRunEval.KEYS), e);
        }
    }

    private static Map<String, Object> noOutputDir(Settings s) {
        if (s.has("output_dir")) throw s.error("output_dir", "set by the pipeline (runs/<name>/<NN>-<kind>/); remove it");
        return s.rest();
    }

    /** The stage with every setting spelt out (defaults included): what {@code config.yaml} in the run folder holds. */
    public static Map<String, Object> toMap(Stage stage) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (stage instanceof SftStage s) {
            m.put("data", s.data());
            m.put("examples", s.examples());
            m.put("slip_rate", s.slipRate());
            m.putAll(s.config().toMap());
            m.putAll(s.eval().toMap());
        } else if (stage instanceof GrpoStage g) {
            m.put("problems", g.problems());
            m.putAll(g.config().toMap());
            m.putAll(g.eval().toMap());
        } else if (stage instanceof RejectionStage r) {
            m.put("prompts", r.prompts());
            if (r.teacher() != null) m.put("teacher", r.teacher().toString());
            RejectionConfig c = r.config();
            m.put("samples_per_prompt", c.samplesPerPrompt());
            m.put("temperature", c.temperature());
            m.put("top_p", c.topP());
            m.put("max_new_tokens", c.maxNewTokens());
            m.put("seed", c.seed());
            m.put("require_correct", c.requireCorrect());
            m.put("require_format", c.requireFormat());
            m.put("min_language_ratio", c.minLanguageRatio());
            m.put("language", c.language());
            m.put("drop_truncated", c.dropTruncated());
            m.put("drop_code_blocks", c.dropCodeBlocks());
            m.put("min_rewards", new LinkedHashMap<>(new java.util.TreeMap<>(c.minRewards())));
            m.put("max_per_prompt", c.maxPerPrompt());
        } else if (stage instanceof EvalStage e) {
            EvalConfig c = e.config();
            m.put("problems", e.problems());
            m.put("k", c.k());
            m.put("temperature", c.temperature());
            m.put("top_p", c.topP());
            m.put("max_new_tokens", c.maxNewTokens());
            m.put("greedy", c.greedy());
            m.put("stop", c.stopStrings());
            m.put("seed", c.seed());
        } else {
            throw new IllegalArgumentException("no YAML form for stage " + stage.getClass().getSimpleName());
        }
        m.remove("output_dir");
        return m;
    }
}
