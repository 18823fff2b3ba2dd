package org.r1j.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.DatasetFormat;
import org.r1j.pipeline.data.JsonlDataset;
import org.r1j.pipeline.data.LineIssue;
import org.r1j.pipeline.data.Loaded;
import org.r1j.pipeline.data.Problem;

class MathAnswerCheckerTest {
    private static final MathAnswerChecker M = MathAnswerChecker.INSTANCE;

    @Test
    void boxedFirstThenAnswerTagAndEquivalentAnswersVoteTogether() {
        Problem p = new Problem("p", "half of 1?", "\\frac{1}{2}", Map.of());
        assertEquals("0.5", M.extract("<think>so \\boxed{0.5}</think><answer>7</answer>").orElseThrow());
        assertEquals("1/2", M.extract("<think>x</think><answer>1/2</answer>").orElseThrow());
        assertTrue(M.isCorrect(p, "0.5"));
        assertTrue(M.isCorrect(p, "1/2"));
        assertFalse(M.isCorrect(p, "0.4"));
        assertEquals("0.5", MajorityVote.winner(List.of("0.4", "0.5", "1/2", "0.4", "\\frac12"), M).orElseThrow(),
                "0.5, 1/2 and \\frac12 are one vote of 3 against 0.4's 2");
    }

    @Test
    void mathDatasetsTakeTheLastBoxedAnswerAsReference() throws IOException {
        String text = "{\"problem\": \"What is 1+1?\", \"solution\": \"We get $\\\\boxed{1}$, no: $\\\\boxed{2}$.\", \"level\": \"Level 1\"}\n"
                + "{\"problem\": \"No box\", \"solution\": \"just 3\"}\n";
        Loaded<Problem> loaded = JsonlDataset.read(new BufferedReader(new StringReader(text)), "math.jsonl", DatasetFormat.math());
        assertEquals(1, loaded.items().size());
        assertEquals("2", loaded.items().get(0).reference());
        assertEquals("Level 1", loaded.items().get(0).fields().get("level"));
        assertEquals(List.of("math.jsonl:2: 'solution' has no \\boxed{…} answer (MATH style)"),
                loaded.issues().stream().map(LineIssue::toString).toList());
    }
}
