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
 * One entry of {@code stages:} ↔ a {@link Stage}: the stage's own keys ({@code data}, {@code examples},
 * {@code slip_rate}, {@code problems}, {@code prompts}, {@code teacher}) plus its config's, which each config declares
 * once and maps with its {@code KNOBS} ({@link SftConfig}, {@link GrpoConfig}, {@link RejectionConfig},
 * {@link EvalConfig}); sft and grpo stages also take the in-run evaluation keys of {@link InRunEval}
 * ({@code eval_steps}, {@code metric_for_best_model}, …).
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
                    yield new RejectionStage(withKeys(() -> RejectionConfig.KNOBS.fromMap(s.rest()), "the stage's own: prompts, teacher"),
                            prompts, teacher);
                }
                case "eval" -> {
                    int problems = s.integer("problems", 100);
                    yield new EvalStage(withKeys(() -> EvalConfig.KNOBS.fromMap(s.rest()), "the stage's own: problems"), problems);
                }
                default -> throw s.doc().error(s.path(), "unknown stage '" + kind + "'; known: " + String.join(", ", KINDS));
            };
        } catch (IllegalArgumentException e) {
            throw s.explain(e);
        }
    }

    /** A config's "unknown setting" error also lists the in-run evaluation keys the stage takes. */
    private static <T> T withEvalKeys(java.util.function.Supplier<T> read) {
        return withKeys(read, "in-run evaluation: " + String.join(", ", InRunEval.KEYS));
    }

    /** A config's "unknown setting" error also lists the other keys the stage takes. */
    private static <T> T withKeys(java.util.function.Supplier<T> read, String others) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.startsWith("unknown ")) throw e;
            throw new IllegalArgumentException(m + "; " + others, e);
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
            m.putAll(RejectionConfig.KNOBS.toMap(r.config()));
        } else if (stage instanceof EvalStage e) {
            m.put("problems", e.problems());
            m.putAll(EvalConfig.KNOBS.toMap(e.config()));
        } else {
            throw new IllegalArgumentException("no YAML form for stage " + stage.getClass().getSimpleName());
        }
        m.remove("output_dir");
        return m;
    }
}
