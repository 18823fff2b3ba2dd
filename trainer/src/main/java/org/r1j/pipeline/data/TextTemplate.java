package org.r1j.pipeline.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template written as text with {@code {question}} and {@code {field}} placeholders (any field of the
 * problem). Unknown placeholders are an error at render time, naming the placeholder and the problem.
 *
 * @param name   shown in configs and run records
 * @param format the text; braces are only special around a placeholder name, so JSON or LaTeX in it stays as is
 */
public record TextTemplate(String name, String format) implements PromptTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** DeepSeek-R1-Zero's template (Table 1 of the R1 paper), "prompt" filled with the question. */
    public static final TextTemplate R1_ZERO = new TextTemplate("r1-zero",
            "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. "
                    + "The assistant first thinks about the reasoning process in the mind and then provides the user "
                    + "with the answer. The reasoning process and answer are enclosed within <think> </think> and "
                    + "<answer> </answer> tags, respectively, i.e., <think> reasoning process here </think> "
                    + "<answer> answer here </answer>. User: {question}. Assistant:");

    /**
     * The question and a newline: for tiny character-level models, where the 400-character R1-Zero preamble would
     * cost more than the whole completion. The think/answer format is then learned from cold-start data.
     */
    public static final TextTemplate COMPACT = new TextTemplate("compact", "{question}\n");

    public TextTemplate {
        if (format == null || !format.contains("{question}")) {
            throw new IllegalArgumentException("template " + name + " must contain {question}");
        }
    }

    /** A template by name ("r1-zero", "compact") or, when the text contains {question}, a custom one. */
    public static TextTemplate of(String nameOrFormat) {
        return switch (nameOrFormat) {
            case "r1-zero" -> R1_ZERO;
            case "compact" -> COMPACT;
            default -> {
                if (!nameOrFormat.contains("{question}")) {
                    throw new IllegalArgumentException("unknown template '" + nameOrFormat
                            + "': use r1-zero, compact, chat, or a text containing {question}");
                }
                yield new TextTemplate("custom", nameOrFormat);
            }
        };
    }

    @Override
    public String render(Problem problem) {
        Matcher m = PLACEHOLDER.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Object value = key.equals("question") ? problem.question() : problem.fields().get(key);
            if (value == null) {
                throw new IllegalArgumentException("template " + name + ": problem " + problem.id()
                        + " has no field '" + key + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
