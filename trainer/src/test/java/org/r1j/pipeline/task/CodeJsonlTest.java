package org.r1j.pipeline.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.sandbox.CodeJudge;
import org.r1j.pipeline.config.PipelineConfig;
import org.r1j.pipeline.config.YamlDoc;
import org.r1j.pipeline.data.Loaded;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.run.Pipeline;
import org.r1j.testing.ProjectFiles;

/** The JSONL code-problem format (format: code): loading, malformed lines, reward and checker agreement, GRPO on it. */
class CodeJsonlTest {
    static final Path ROOT = root();

    static Path root() {
        return ProjectFiles.root();
    }

    private static Loaded<Problem> read(String jsonl) throws Exception {
        return CodeJsonl.read(new BufferedReader(new StringReader(jsonl)), "c.jsonl");
    }

    @Test
    void linesOfEveryTestFormKeepTheirTestsInOneListField() throws Exception {
        Loaded<Problem> l = read("""
                {"id": "d", "prompt": "Read n, print 2n.", "tests": [{"input": "3\\n", "output": "6"}], "reference_solution": "print(2*int(input()))", "difficulty": 2}
                {"problem": "Write add.", "test_list": ["assert add(1, 2) == 3", "assert add(0, 0) == 0"]}
                {"question": "Echo.", "verification_info": {"language": "python", "test_cases": [{"input": "a", "output": "a", "type": "stdin_stdout"}]}}
                {"prompt": "APPS style.", "input_output": "{\\"inputs\\": [\\"1\\\\n\\", \\"2\\\\n\\"], \\"outputs\\": [\\"1\\", \\"4\\"]}", "solution": null}
                {"prompt": "Plain lines.", "tests": "assert f(1) == 1\\nassert f(2) == 2\\n"}
                """);
        assertTrue(l.issues().isEmpty(), l.issues().toString());
        assertEquals(5, l.items().size());
        Problem d = l.items().get(0);
        assertEquals("d", d.id());
        assertEquals("Read n, print 2n.", d.question());
        assertEquals("print(2*int(input()))", d.reference());
        assertEquals(List.of(Map.of("input", "3\n", "output", "6")), d.fields().get("tests"));
        assertEquals(2, d.fields().get("difficulty"), "other fields are kept for reward files");
        assertEquals(List.of("assert add(1, 2) == 3", "assert add(0, 0) == 0"), l.items().get(1).fields().get("tests"));
        assertEquals("c.jsonl:2", l.items().get(1).id());
        assertEquals("", l.items().get(1).reference());
        assertEquals(List.of(Map.of("input", "a", "output", "a")), l.items().get(2).fields().get("tests"));
        assertEquals(List.of(Map.of("input", "1\n", "output", "1"), Map.of("input", "2\n", "output", "4")), l.items().get(3).fields().get("tests"));
        assertEquals(List.of("assert f(1) == 1", "assert f(2) == 2"), l.items().get(4).fields().get("tests"));
    }

    @Test
    void malformedLinesAreReportedWithTheirLineAndSkipped() throws Exception {
        Loaded<Problem> l = read("""
                {"prompt": "ok", "tests": ["assert True"]}
                not json
                [1, 2]
                {"tests": ["assert True"]}
                {"prompt": "no tests"}
                {"prompt": "bad test", "tests": [{"input": "1"}]}
                {"prompt": "fn_name", "tests": [{"input": "1", "output": "1", "fn_name": "f"}]}
                {"prompt": "empty", "tests": []}

                {"prompt": "", "tests": ["assert True"]}
                {"prompt": "ref", "tests": ["assert True"], "reference_solution": 3}
                {"prompt": "ok too", "tests": [{"stdin": "1", "expected_output": "1"}]}
                """);
        assertEquals(2, l.items().size());
        List<String> issues = l.issues().stream().map(Object::toString).toList();
        assertEquals(9, issues.size(), issues.toString());
        assertTrue(issues.get(0).startsWith("c.jsonl:2: not valid JSON"), issues.get(0));
        assertEquals("c.jsonl:3: expected a JSON object, got array", issues.get(1));
        assertEquals("c.jsonl:4: missing field 'prompt' (or problem, question)", issues.get(2));
        assertEquals("c.jsonl:5: missing field 'tests' (stdin/stdout pairs or assert snippets)", issues.get(3));
        assertEquals("c.jsonl:6: field 'tests': tests[1]: a test needs \"output\" (with \"input\"), or is an assert snippet", issues.get(4));
        assertTrue(issues.get(5).startsWith("c.jsonl:7: field 'tests': tests[1]: function-call tests (fn_name) are not supported"), issues.get(5));
        assertEquals("c.jsonl:8: field 'tests': no tests", issues.get(6));
        assertEquals("c.jsonl:10: field 'prompt' must be a non-empty string", issues.get(7));
        assertEquals("c.jsonl:11: field 'reference_solution' must be a string", issues.get(8));
        assertEquals("loaded 2 of 11 lines (9 skipped)", l.summary());
    }

    @Test
    void theSampleIsRightAndTheRewardAndTheCheckerJudgeItAlike() {
        CodeTaskTest.needPython();
        RewardProgram reward = RewardProgram.compile(ROOT.resolve("rewards/code.reward")).orThrow();
        for (String split : List.of("train", "test")) {
            Loaded<Problem> l = CodeJsonl.load(ROOT.resolve("configs/code-problems/" + split + ".jsonl"));
            assertTrue(l.issues().isEmpty(), l.issues().toString());
            List<SftExample> cold = CodeJsonl.coldStart(l.items(), org.r1j.pipeline.data.TextTemplate.COMPACT);
            assertEquals(l.items().size(), cold.size());
            for (int i = 0; i < l.items().size(); i++) {
                Problem p = l.items().get(i);
                String right = cold.get(i).completion();
                String wrong = right.replace("```python\n", "```python\nprint(7)\n").replace("return ", "return 7 + ");
                assertEquals(p.question() + "\n", cold.get(i).prompt());
                Score r = reward.score(new Sample(p.question(), right, p.reference(), p.fields(), -1));
                Score w = reward.score(new Sample(p.question(), wrong, p.reference(), p.fields(), -1));
                assertEquals(1.0, r.values().get("accuracy"), p.id() + " " + r.explanations());
                assertEquals(1.0, r.values().get("format"), p.id() + " " + r.explanations());
                assertTrue(w.values().get("accuracy") < 1.0, p.id() + " " + w.explanations());
                assertTrue(CodeProgramChecker.INSTANCE.isCorrectCompletion(p, right), p.id());
                assertFalse(CodeProgramChecker.INSTANCE.isCorrectCompletion(p, wrong), p.id());
            }
        }
        assertFalse(CodeProgramChecker.INSTANCE.isCorrectCompletion(
                CodeJsonl.load(ROOT.resolve("configs/code-problems/train.jsonl")).items().get(0), "no program at all"));
    }

    /**
     * The shipped config's task and reward, a short cold start and a few GRPO steps: rewards come from the sandbox.
     * ~20 s (most of it the 80 SFT steps that teach the tiny model the ```python format, without which no program
     * would reach the sandbox); measured 24 s at load 10 on 2 cores with 60 steps, which left the format fragile.
     */
    @Test
    void grpoTrainsOnTheJsonlSampleWithTheRealSandbox(@TempDir Path runs) throws Exception {
        CodeTaskTest.needPython();
        String shipped = Files.readString(ROOT.resolve("configs/code-jsonl-r1.yaml"));
        String task = shipped.substring(shipped.indexOf("task:"), shipped.indexOf("reward:"));
        String yaml = "name: t\nruns_dir: " + runs + "\n" + task + "reward: rewards/code.reward\nmodel: {preset: tiny, seed: 1}\n"
                + """
                stages:
                  - sft: {data: cold_start, examples: 16, max_steps: 80, batch_size: 8, learning_rate: 0.005, max_length: 160}
                  - grpo: {problems: 16, max_steps: 3, prompts_per_step: 4, num_generations: 4, learning_rate: 0.0001,
                           temperature: 0.6, beta: 0.0, loss_type: dapo, max_completion_length: 100}
                  - eval: {problems: 6, k: 2, max_new_tokens: 100}
                """;
        PipelineConfig c = PipelineConfig.parse(YamlDoc.parse("t.yaml", yaml), ROOT);
        assertTrue(c.task() instanceof DatasetTask d && d.checker() == CodeProgramChecker.INSTANCE, String.valueOf(c.task()));
        AtomicInteger executions = new AtomicInteger();
        CodeJudge.shared().sandbox().observe(e -> executions.incrementAndGet());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Pipeline.Result r;
        try {
            r = c.pipeline().run(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        } finally {
            CodeJudge.shared().sandbox().observe(null);
        }
        String log = buf.toString(StandardCharsets.UTF_8);
        assertEquals(null, r.interrupted(), log);
        List<String> metrics = Files.readAllLines(runs.resolve("t/02-grpo/metrics.csv"));
        assertEquals(1 + 3, metrics.size(), "header + 3 GRPO steps\n" + log);
        List<String> header = List.of(metrics.get(0).split(","));
        int accuracy = header.indexOf("rewards/accuracy/mean");
        assertTrue(accuracy >= 0, metrics.get(0));
        for (String row : metrics.subList(1, metrics.size())) {
            double a = Double.parseDouble(row.split(",")[accuracy]);
            assertTrue(a >= 0 && a <= 1, row);
        }
        // the cold-started model writes ```python blocks, so GRPO's rewards ran programs in the sandbox
        assertTrue(executions.get() > 0, "no sandboxed run during training\n" + log);
        assertTrue(r.stages().get(2).results().containsKey("pass@1"), r.stages().get(2).results().toString());
    }
}
