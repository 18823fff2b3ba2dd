package org.r1j.dsl.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sample's tests in the forms open-r1's datasets use: a list of {@code {"input", "output"}} objects
 * (also {@code stdin}/{@code stdout}, {@code expected_output}), a list of assert snippets (MBPP's
 * {@code test_list}), an object with {@code test_cases} (verifiable-coding-problems) or with parallel
 * {@code inputs}/{@code outputs} lists (APPS); each also as JSON text. Plain non-JSON text is one assert
 * snippet per non-blank line. Bad input is an {@link IllegalArgumentException} saying where.
 */
public final class TestCases {
    /** More tests than this in one sample is taken as bad data (each test is a process). */
    public static final int MAX_TESTS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCases() {}

    /** From a DSL value: a text or a list (whose items are texts, maybe JSON objects). */
    public static List<TestCase> parse(Object value) {
        List<TestCase> tests = new ArrayList<>();
        if (value instanceof String s) {
            JsonNode n = json(s);
            if (n == null) {
                for (String line : s.split("\n")) if (!line.isBlank()) tests.add(new TestCase.Assert(line.strip()));
            } else {
                node(n, "tests", tests);
            }
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) item(items.get(i), "tests[" + (i + 1) + "]", tests);
        } else {
            throw new IllegalArgumentException("tests must be a list or a text, not " + value);
        }
        if (tests.isEmpty()) throw new IllegalArgumentException("no tests");
        if (tests.size() > MAX_TESTS) throw new IllegalArgumentException(tests.size() + " tests, over the limit of " + MAX_TESTS);
        return tests;
    }

    private static void item(Object o, String where, List<TestCase> out) {
        if (o instanceof String s) {
            JsonNode n = s.stripLeading().startsWith("{") ? json(s) : null;
            if (n != null) node(n, where, out);
            else out.add(new TestCase.Assert(s));
        } else {
            node(JSON.valueToTree(o), where, out);
        }
    }

    private static void node(JsonNode n, String where, List<TestCase> out) {
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                if (e.isTextual()) out.add(new TestCase.Assert(e.asText()));
                else node(e, where + "[" + (i + 1) + "]", out);
            }
        } else if (n.isTextual()) {
            out.add(new TestCase.Assert(n.asText()));
        } else if (n.isObject() && n.has("test_cases")) {
            node(n.get("test_cases"), where + ".test_cases", out);
        } else if (n.isObject() && n.has("inputs") && n.has("outputs")) {
            JsonNode in = n.get("inputs");
            JsonNode exp = n.get("outputs");
            if (!in.isArray() || !exp.isArray() || in.size() != exp.size()) {
                throw new IllegalArgumentException(where + ": inputs and outputs must be lists of the same length");
            }
            for (int i = 0; i < in.size(); i++) out.add(new TestCase.Stdio(text(in.get(i)), text(exp.get(i))));
        } else if (n.isObject()) {
            JsonNode in = first(n, "input", "stdin");
            JsonNode exp = first(n, "output", "stdout", "expected_output");
            if (exp == null) throw new IllegalArgumentException(where + ": a test needs \"output\" (with \"input\"), or is an assert snippet");
            JsonNode fn = n.get("fn_name");
            if (fn != null && !fn.isNull()) throw new IllegalArgumentException(where + ": function-call tests (fn_name) are not supported; use stdin/stdout or asserts");
            out.add(new TestCase.Stdio(in == null ? "" : text(in), text(exp)));
        } else {
            throw new IllegalArgumentException(where + ": not a test: " + n);
        }
    }

    private static JsonNode first(JsonNode n, String... keys) {
        for (String k : keys) if (n.hasNonNull(k)) return n.get(k);
        return null;
    }

    private static String text(JsonNode n) {
        if (n.isTextual()) return n.asText();
        if (n.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode e : n) b.append(e.isTextual() ? e.asText() : e.toString()).append('\n');
            return b.toString();
        }
        return n.toString();
    }

    private static JsonNode json(String s) {
        String t = s.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) return null;
        try {
            return JSON.readTree(t);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
