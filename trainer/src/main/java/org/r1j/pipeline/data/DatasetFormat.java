package org.r1j.pipeline.data;

/**
 * Where a JSONL dataset keeps the question and the reference answer.
 *
 * @param questionField field with the problem text ("question", "problem"); ignored for chat data
 * @param answerField   field with the reference or the worked solution ("answer", "solution"); for chat data an
 *                      optional field (the last assistant message is used when it is absent)
 * @param idField       field with a stable id, or null to use "file:line"
 * @param messagesField field with chat messages [{role, content}, …], or null for question/answer data
 * @param reference     how to get the reference answer out of the answer field
 */
public record DatasetFormat(String questionField, String answerField, String idField, String messagesField,
                            ReferenceStyle reference) {

    /** How the reference answer is written in the answer field. */
    public enum ReferenceStyle {
        /** The whole field is the reference. */
        RAW,
        /** GSM8K: a worked solution ending in {@code #### 72}; the reference is what follows the last "####". */
        GSM8K,
        /** MATH: a worked solution with the final answer in the last {@code \boxed{…}}. */
        BOXED
    }

    public DatasetFormat {
        if (messagesField == null && (questionField == null || answerField == null)) {
            throw new IllegalArgumentException("a dataset format needs question and answer fields, or a messages field");
        }
        if (reference == null) reference = ReferenceStyle.RAW;
    }

    /** GSM8K: {@code {"question": …, "answer": "… #### 72"}}. */
    public static DatasetFormat gsm8k() {
        return new DatasetFormat("question", "answer", null, null, ReferenceStyle.GSM8K);
    }

    /** MATH / MATH-500: {@code {"problem": …, "solution": "… \boxed{3}"}}. */
    public static DatasetFormat math() {
        return new DatasetFormat("problem", "solution", null, null, ReferenceStyle.BOXED);
    }

    /** Chat: {@code {"messages": [{"role": "user", "content": …}, {"role": "assistant", …}]}}, optional "answer". */
    public static DatasetFormat chat() {
        return new DatasetFormat(null, "answer", null, "messages", ReferenceStyle.RAW);
    }

    /** {@code {"question": …, "answer": …}} with the answer as the reference. */
    public static DatasetFormat plain() {
        return new DatasetFormat("question", "answer", null, null, ReferenceStyle.RAW);
    }

    /** A preset by name: gsm8k, math, chat, plain. */
    public static DatasetFormat named(String name) {
        return switch (name) {
            case "gsm8k" -> gsm8k();
            case "math" -> math();
            case "chat" -> chat();
            case "plain" -> plain();
            default -> throw new IllegalArgumentException("unknown dataset format '" + name + "': use gsm8k, math, chat or plain");
        };
    }
}
