package org.r1j.pipeline.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r1j.dsl.sandbox.TestCase;
import org.r1j.dsl.sandbox.TestCases;
import org.r1j.pipeline.data.JsonLines;
import org.r1j.pipeline.data.Loaded;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.data.SftExample;

/**
 * Code problems in JSON Lines ({@code task: {name: dataset, format: code}}), as open-r1's code datasets carry them:
 * <pre>
 * {"id": "double", "prompt": "Read n and print 2n.", "tests": [{"input": "3\n", "output": "6"}],
 *  "reference_solution": "print(2 * int(input()))"}
 * {"prompt": "Write add(a, b).", "tests": ["assert add(1, 2) == 3"]}
 * </pre>
 * {@code prompt} (or {@code problem}, {@code question}) is the question; {@code tests} (or open-r1's
 * {@code verification_info}, MBPP's {@code test_list}, APPS' {@code input_output}) holds stdin/stdout pairs or
 * assert snippets in any form {@link TestCases} reads; {@code reference_solution} (or {@code solution}), optional,
 * becomes the problem's reference and its cold-start answer; {@code id} names it (else {@code file:line}). The tests
 * are checked when the file loads and kept in the problem's {@code tests} field as one list (an object
 * {@code {"input", "output"}} per stdin/stdout test, a string per assert snippet), which {@code rewards/code.reward}
 * and {@link CodeProgramChecker} read. Every other field is kept too. A line that is not an object, has no prompt or
 * no usable tests is skipped and reported as {@code file:line: why}.
 */
public final class CodeJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPT = List.of("prompt", "problem", "question");
    private static final List<String> TESTS = List.of("tests", "verification_info", "test_list", "input_output");
    private static final List<String> SOLUTION = List.of("reference_solution", "solution");

    private CodeJsonl() {
    }

    public static Loaded<Problem> load(Path file) {
        return JsonLines.load(file, "code dataset", CodeJsonl::parse);
    }

    public static Loaded<Problem> read(BufferedReader in, String name) throws IOException {
        return JsonLines.read(in, name, CodeJsonl::parse);
    }

    private static Problem parse(JsonNode node, String where) {
        if (!node.isObject()) throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        String promptKey = first(node, PROMPT);
        if (promptKey == null) throw new IllegalArgumentException("missing field 'prompt' (or problem, question)");
        JsonNode prompt = node.get(promptKey);
        if (!prompt.isTextual() || prompt.asText().isBlank()) throw new IllegalArgumentException("field '" + promptKey + "' must be a non-empty string");
        String testsKey = first(node, TESTS);
        if (testsKey == null) throw new IllegalArgumentException("missing field 'tests' (stdin/stdout pairs or assert snippets)");
        List<Object> tests;
        try {
            tests = normalised(TestCases.parse(dslValue(node.get(testsKey))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + testsKey + "': " + e.getMessage());
        }
        String solutionKey = first(node, SOLUTION);
        JsonNode solution = solutionKey == null ? null : node.get(solutionKey);
        if (solution != null && !solution.isTextual()) throw new IllegalArgumentException("field '" + solutionKey + "' must be a string");
        Map<String, Object> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        });
        fields.put("tests", tests);
        String id = node.path("id").isValueNode() && !node.path("id").isNull() ? node.get("id").asText() : where;
        return new Problem(id, prompt.asText(), solution == null ? "" : solution.asText(), fields);
    }

    /** The tests as the reward language sees a {@code list} field: text stays text, an object is a one-item list. */
    private static Object dslValue(JsonNode v) {
        if (v.isTextual()) return v.asText();
        Object o = JSON.convertValue(v, Object.class);
        return o instanceof List<?> ? o : List.of(o);
    }

    private static List<Object> normalised(List<TestCase> tests) {
        List<Object> out = new ArrayList<>(tests.size());
        for (TestCase t : tests) {
            out.add(switch (t) {
                case TestCase.Stdio io -> Map.of("input", io.input(), "output", io.expected());
                case TestCase.Assert a -> a.snippet();
            });
        }
        return List.copyOf(out);
    }

    private static String first(JsonNode node, List<String> keys) {
        for (String k : keys) if (node.hasNonNull(k)) return k;
        return null;
    }

    /**
     * Cold-start SFT examples from the problems' reference solutions (those without one are left out): the R1
     * format with the program in a ```` ```python ```` block inside the answer.
     */
    public static List<SftExample> coldStart(List<Problem> problems, PromptTemplate template) {
        List<SftExample> out = new ArrayList<>();
        for (Problem p : problems) {
            if (p.reference().isBlank()) continue;
            out.add(new SftExample(p.id(), template.render(p), "<think>\nwrite the program\n</think>\n<answer>\n```python\n"
                    + p.reference().strip() + "\n```\n</answer>"));
        }
        return out;
    }
}
