package org.r1j.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.r1j.model.tokenize.ChatTemplate;
import org.r1j.pipeline.data.ChatPromptTemplate;
import org.r1j.pipeline.data.DatasetFormat;
import org.r1j.pipeline.data.JsonlDataset;
import org.r1j.pipeline.data.Loaded;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.data.SftJsonl;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.MathAnswerChecker;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.CodeJsonl;
import org.r1j.pipeline.task.CodeProgramChecker;
import org.r1j.pipeline.task.CodeTask;
import org.r1j.pipeline.task.CountdownTask;
import org.r1j.pipeline.task.DatasetTask;
import org.r1j.pipeline.task.MixedScriptTask;
import org.r1j.pipeline.task.Task;

/**
 * The {@code task:} section: a built-in task by name with its settings, or {@code name: dataset} with JSONL files.
 * <pre>
 * task: {name: arithmetic, seed: 1, digits: 2, operators: "+-", template: compact}
 * task: {name: countdown, seed: 1, count: 3, max_number: 20, max_target: 100}
 * task: {name: code, seed: 1, tests: 5}
 * task: {name: mixed-script, seed: 1, max_operand: 30, mix_rate: 0.5}
 * task: {name: dataset, train: gsm8k-train.jsonl, test: gsm8k-test.jsonl, format: gsm8k, template: r1-zero}
 * task: {name: dataset, train: code-train.jsonl, test: code-test.jsonl, format: code, cold_start: references}
 * </pre>
 */
public final class TaskFactory {
    public static final List<String> NAMES = List.of("arithmetic", "countdown", "mixed-script", "code", "dataset");

    private TaskFactory() {
    }

    /** Relative file names resolve against {@code baseDir}. */
    public static Task create(Settings s, Path baseDir) {
        String name = s.requiredText("name");
        try {
            return build(s, name, baseDir);
        } catch (IllegalArgumentException e) {
            throw s.explain(e);
        }
    }

    private static Task build(Settings s, String name, Path baseDir) {
        Task task = switch (name) {
            case "arithmetic" -> new ArithmeticTask(s.longValue("seed", 1), s.integer("digits", 2),
                    s.text("operators", "+-"), template(s, "compact"));
            case "countdown" -> new CountdownTask(s.longValue("seed", 1), s.integer("count", 3),
                    s.integer("max_number", 20), s.integer("max_target", 100), template(s, "compact"));
            case "mixed-script" -> new MixedScriptTask(s.longValue("seed", 1), s.integer("max_operand", 30),
                    s.number("mix_rate", 0.5), template(s, "compact"));
            case "code" -> new CodeTask(s.longValue("seed", 1), s.integer("tests", 5), template(s, "compact"));
            case "dataset" -> dataset(s, baseDir);
            default -> throw s.error("name", "unknown task '" + name + "'; known: " + String.join(", ", NAMES));
        };
        s.rejectUnknown();
        return task;
    }

    private static Task dataset(Settings s, Path baseDir) {
        if (s.has("format") && s.text("format", null).equals("code")) return codeDataset(s, baseDir);
        DatasetFormat format;
        if (s.has("format")) {
            try {
                format = DatasetFormat.named(s.text("format", null));
            } catch (IllegalArgumentException e) {
                throw s.error("format", e.getMessage() + " (or code: prompt/tests JSONL)");
            }
        } else {
            format = new DatasetFormat(s.text("question_field", "question"), s.text("answer_field", "answer"),
                    s.text("id_field", null), s.text("messages_field", null), reference(s));
        }
        List<Problem> train = load(s, "train", baseDir, f -> JsonlDataset.load(f, format));
        List<Problem> test = load(s, "test", baseDir, f -> JsonlDataset.load(f, format));
        List<SftExample> cold = List.of();
        if (s.has("cold_start")) {
            Loaded<SftExample> loaded = SftJsonl.load(resolve(baseDir, s.text("cold_start", null)));
            loaded.issues().forEach(i -> System.err.println("skipped " + i));
            cold = loaded.items();
        }
        return new DatasetTask(s.text("dataset_name", "dataset"), train, test, cold, template(s, "r1-zero"),
                MathAnswerChecker.INSTANCE, s.text("reward_file", "rewards/r1.reward"));
    }

    /** {@code format: code}: prompt/tests/reference_solution lines ({@link CodeJsonl}), judged in the sandbox. */
    private static Task codeDataset(Settings s, Path baseDir) {
        List<Problem> train = load(s, "train", baseDir, CodeJsonl::load);
        List<Problem> test = load(s, "test", baseDir, CodeJsonl::load);
        PromptTemplate template = template(s, "r1-zero");
        List<SftExample> cold = List.of();
        if (s.has("cold_start") && s.text("cold_start", null).equals("references")) {
            cold = CodeJsonl.coldStart(train, template);
        } else if (s.has("cold_start")) {
            Loaded<SftExample> loaded = SftJsonl.load(resolve(baseDir, s.text("cold_start", null)));
            loaded.issues().forEach(i -> System.err.println("skipped " + i));
            cold = loaded.items();
        }
        return new DatasetTask(s.text("dataset_name", "code"), train, test, cold, template, CodeProgramChecker.INSTANCE,
                s.text("reward_file", "rewards/code.reward"));
    }

    private static DatasetFormat.ReferenceStyle reference(Settings s) {
        String r = s.text("reference", "raw");
        try {
            return DatasetFormat.ReferenceStyle.valueOf(r.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.error("reference", "expected raw, gsm8k or boxed, got '" + r + "'");
        }
    }

    private static List<Problem> load(Settings s, String key, Path baseDir, java.util.function.Function<Path, Loaded<Problem>> reader) {
        Path file = resolve(baseDir, s.requiredText(key));
        if (!java.nio.file.Files.isRegularFile(file)) throw s.error(key, "no such file: " + file);
        Loaded<Problem> loaded = reader.apply(file);
        loaded.issues().forEach(i -> System.err.println("skipped " + i));
        if (loaded.items().isEmpty()) throw s.error(key, file + ": no usable lines (" + loaded.summary() + ")");
        return loaded.items();
    }

    private static PromptTemplate template(Settings s, String dflt) {
        String t = s.text("template", dflt);
        if (t.equals("chat")) {
            String chat = s.text("chat_format", "qwen");
            try {
                return new ChatPromptTemplate(ChatTemplate.valueOf(chat.toUpperCase(Locale.ROOT)), s.text("system", null));
            } catch (IllegalArgumentException e) {
                throw s.error("chat_format", "expected qwen, llama3 or none, got '" + chat + "'");
            }
        }
        try {
            return TextTemplate.of(t);
        } catch (IllegalArgumentException e) {
            throw s.error("template", e.getMessage());
        }
    }

    /** A relative path as given when it exists, else against the config's folder, else against the r1j checkout. */
    static Path resolve(Path baseDir, String file) {
        Path p = Path.of(file);
        if (p.isAbsolute() || java.nio.file.Files.exists(p)) return p;
        for (Path dir : new Path[]{baseDir, Path.of(System.getProperty("r1j.root", "."))}) {
            Path alt = dir.resolve(p);
            if (java.nio.file.Files.exists(alt)) return alt;
        }
        return p;
    }
}
