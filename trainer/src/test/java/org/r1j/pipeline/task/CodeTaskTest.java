package org.r1j.pipeline.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.sandbox.CodeLanguage;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;

class CodeTaskTest {
    static void needPython() {
        if (CodeLanguage.PYTHON.interpreter().isEmpty()) {
            String why = "CodeTaskTest: no /usr/bin/python3 (apt-get install python3)";
            System.err.println(why);
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) org.junit.jupiter.api.Assertions.fail(why);
            Assumptions.abort(why);
        }
    }

    @Test
    void problemsAreSeededWithTestsThatTheirReferencePasses() {
        CodeTask task = new CodeTask(1, 4, null);
        List<Problem> a = task.problems(Split.TRAIN, 300);
        assertEquals(a, new CodeTask(1, 4, null).problems(Split.TRAIN, 300));
        assertTrue(task.problems(Split.TEST, 20).stream().allMatch(p -> Split.of(p.question()) == Split.TEST));
        Problem p = a.get(0);
        assertEquals(4, ((List<?>) p.fields().get("tests")).size());
        assertTrue(((List<?>) p.fields().get("tests")).stream().allMatch(t -> t.toString().matches("assert f\\(-?\\d+\\) == -?\\d+")));
    }

    @Test
    void referenceAnswersPassAndWrongOnesFailThroughRewardAndChecker() {
        needPython();
        CodeTask task = new CodeTask(3, 5, null);
        RewardProgram reward = RewardProgram.compile(Path.of("../" + task.rewardFile())).orThrow();
        List<SftExample> cold = task.coldStart(12);
        List<Problem> problems = task.problems(Split.TRAIN, 12);
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            String right = cold.get(i).completion();
            String wrong = "<think>guess</think><answer>x+1000</answer>";
            Score r = reward.score(new Sample(p.question(), right, p.reference(), p.fields(), -1));
            Score w = reward.score(new Sample(p.question(), wrong, p.reference(), p.fields(), -1));
            assertEquals(1.0, r.values().get("accuracy"), p + " " + r.explanations());
            assertEquals(0.0, w.values().get("accuracy"), p + " " + w.explanations());
            assertTrue(task.checker().isCorrectCompletion(p, right), p.toString());
            assertFalse(task.checker().isCorrectCompletion(p, wrong), p.toString());
        }
        // every kind of function appears, Python's floor semantics included
        String refs = problems.stream().map(Problem::reference).reduce("", String::concat)
                + task.problems(Split.TRAIN, 60).stream().map(Problem::reference).reduce("", String::concat);
        for (String op : new String[] {"*x+", "x*x-", "x%", "max(", "abs(", "x//"}) assertTrue(refs.contains(op), op + " in " + refs);
    }
}
