package org.r1j.dsl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.cli.RewardCommand;
import picocli.CommandLine;

/** The code reward through the language: rewards/code.reward, the test formats, diagnostics, `reward score`. */
class CodeRewardTest {
    static RewardProgram code;

    @BeforeAll
    static void compile() {
        SandboxTest.needPython();
        CompileResult r = RewardProgram.compile(Path.of("../rewards/code.reward"));
        assertTrue(r.ok(), r.render());
        code = r.orThrow();
    }

    static String answer(String program) {
        return "<think>\nadd them\n</think>\n<answer>\n```python\n" + program + "```\n</answer>";
    }

    static final String ADD = "a, b = map(int, input().split())\nprint(a + b)\n";

    @Test
    void shippedCodeRewardScoresEveryTestForm() {
        List<Object> stdio = List.of(Map.of("input", "1 2\n", "output", "3\n"), Map.of("input", "4 4", "output", "8"));
        Object[] forms = {
                stdio,                                                                    // list of {input, output}
                "[{\"stdin\": \"1 2\", \"stdout\": \"3\"}, {\"stdin\": \"4 4\", \"stdout\": \"8\"}]",  // as JSON text
                Map.of("inputs", List.of("1 2", "4 4"), "outputs", List.of("3", "8")),   // APPS
                Map.of("language", "python", "test_cases", stdio),                       // verifiable-coding-problems
        };
        for (Object tests : forms) {
            Object field = tests instanceof Map<?, ?> ? List.of(tests) : tests;
            Score s = code.score(new Sample("add", answer(ADD), "", Map.of("tests", field), -1));
            assertEquals(1.0, s.values().get("accuracy"), tests + ": " + s.explanations());
            assertEquals(2.0, s.total(), s.explanations().toString());
        }
        Score wrong = code.score(new Sample("add", answer("print(3)\n"), "", Map.of("tests", stdio), -1));
        assertEquals(0.5, wrong.values().get("accuracy"));
        assertTrue(wrong.explanations().get("accuracy").contains("1/2 passed; test 2: expected \"8\", got \"3\""), wrong.explanations().toString());
        Score none = code.score(new Sample("add", "<think>x</think><answer>3</answer>", "", Map.of("tests", stdio), -1));
        assertEquals(0.0, none.values().get("accuracy"), none.explanations().toString());
    }

    @Test
    void assertSnippetsAndBinaryReward() {
        RewardProgram p = RewardProgram.compile("t", """
                field tests: list
                reward all = code_passes(code_block(completion, "py"), tests, "python")
                reward share = code_tests(code_block(completion, "python3"), tests, "python")
                """).orThrow();
        String f = "def f(x):\n    return x * x if x < 3 else 0\n";
        Score s = p.score(new Sample("sq", answer(f), "", Map.of("tests",
                List.of("assert f(1) == 1", "assert f(2) == 4", "assert f(3) == 9")), -1));
        assertEquals(0.0, s.values().get("all"));
        assertEquals(2.0 / 3, s.values().get("share"), 1e-12);
        assertTrue(s.explanations().get("share").contains("test 3: \"assert f(3) == 9\" failed"), s.explanations().toString());
    }

    @Test
    void badTestsAreUnknownWithTheReason() {
        Score s = code.score(new Sample("x", answer(ADD), "", Map.of("tests", List.of(Map.of("input", "1"))), -1));
        assertTrue(Double.isNaN(s.values().get("accuracy")));
        assertTrue(s.explanations().get("accuracy").contains("tests[1]: a test needs \"output\""), s.explanations().toString());
        Score missing = code.score(Sample.of("x", answer(ADD), ""));
        assertTrue(Double.isNaN(missing.values().get("accuracy")), missing.explanations().toString());
    }

    @Test
    void languageIsCheckedAtCompileTimeWithASuggestion() {
        CompileResult r = RewardProgram.compile("t", "reward c = code_tests(completion, \"assert 1\", \"pyhton\")\n");
        assertFalse(r.ok());
        assertTrue(r.render().contains("t:1:47: error: unsupported language `pyhton` (did you mean `python`?); supported: python, py, python3"), r.render());
        CompileResult b = RewardProgram.compile("t", "reward c = len(code_block(completion, \"rust\"))\n");
        assertTrue(b.render().contains("unsupported language `rust`"), b.render());
    }

    @Test
    void codeBlockTakesTheLastClosedBlockOfTheLanguage() {
        RewardProgram p = RewardProgram.compile("t", "reward n = len(code_block(completion, \"python\"))\n").orThrow();
        String text = "```python\nfirst\n```\ntext\n```js\nnot me\n```\n```Python\nlast\n```\n```python\nunclosed\n";
        Score s = p.score(Sample.of("", text, ""));
        assertEquals(5.0, s.values().get("n"), s.explanations().toString());  // "last\n"
        assertTrue(Double.isNaN(p.score(Sample.of("", "no code", "")).values().get("n")));
    }

    @TempDir
    Path dir;

    @Test
    void rewardScoreCommandRunsTheCodeRewardOnJsonl() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path data = dir.resolve("code.jsonl");
        List<Object> tests = List.of(Map.of("input", "2 3", "output", "5"), Map.of("input", "10 1", "output", "11"));
        Files.writeString(data, json.writeValueAsString(Map.of("prompt", "add", "completion", answer(ADD), "tests", tests)) + "\n"
                + json.writeValueAsString(Map.of("prompt", "add", "completion", answer("while True: pass\n"), "tests", tests)) + "\n");
        Path out = dir.resolve("scores.jsonl");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = new CommandLine(new RewardCommand()).execute("score", "../rewards/code.reward", "--data", data.toString(),
                    "--out", out.toString(), "--explain");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, rc, buf.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        JsonNode good = json.readTree(lines.get(0));
        JsonNode loop = json.readTree(lines.get(1));
        assertEquals(1.0, good.path("rewards").path("accuracy").asDouble(), lines.get(0));
        assertEquals(0.0, loop.path("rewards").path("accuracy").asDouble(), lines.get(1));
        assertTrue(loop.path("explanations").path("accuracy").asText().matches(".*0/2 passed; test 1: (timed out|CPU limit).*"), lines.get(1));
    }
}
