package org.r1j.dsl.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.r1j.dsl.Baselines;
import org.r1j.dsl.RewardProgram;

/** Golden files for syntax-error diagnostics (src/test/resources/baselines/ParseErrorsTest). */
class ParseErrorsTest {
    private static String diagnostics(String source) {
        return RewardProgram.compile("bad.reward", source).render();
    }

    @Test
    void unclosedParenthesis(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = (1 + 2\nreward b = 1\n"));
    }

    @Test
    void missingEquals(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a weight 1 completion ~ r\"x\"\n"));
    }

    @Test
    void strayCharacter(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = 1 $ 2\n"));
    }

    @Test
    void unterminatedString(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = tag(completion, \"answer)\n"));
    }

    @Test
    void badEscapeInString(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = num(contains(completion, \"\\d+\"))\n"));
    }

    @Test
    void ifWithoutElse(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a =\n    if len(completion) > 10 then 1\n"));
    }

    @Test
    void letWithoutIn(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = let x = 1\nreward b = 2\n"));
    }

    @Test
    void parameterWithoutType(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("def f(x) = x\nreward a = f(1)\n"));
    }

    @Test
    void weightGivenTwice(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a weight 1 weight 2 = 1\n"));
    }

    @Test
    void notebookCellLineOffset(TestInfo t) {
        Baselines.assertMatches(t, RewardProgram.compile("cell[4]", "reward a = 1 +\n", 2).render());
    }

    /** Every syntax error is in plain words: no ANTLR jargon or token sets reach the user. */
    @Test
    void noAntlrJargonReachesTheUser() {
        String[] broken = {"reward a = = 1", "reward a = (1 +", "reward = 1", "reward a = f(1,,2)", "reward a = 1 1",
                "def x =\nreward b = 2", "reward a = if 1 then 2", "reward a = [1, 2", "reward a weight = 1",
                "field x number", "reward a = let in 1", "reward a = 1 +* 2", "import", "language", "reward a = r\"x\" ~",
                "reward a = \"open", "reward a = 1 ?? ", "reward a = not", "def = 3", "reward a unknown = 1", "reward a = x(", "@"};
        for (String src : broken) {
            String r = RewardProgram.compile("t", src + "\n").render();
            org.junit.jupiter.api.Assertions.assertTrue(r.contains("error:"), src + " → " + r);
            for (String jargon : new String[] {"extraneous", "mismatched", "expecting", "viable", "{", "<EOF>", "IDENT", "token recognition"}) {
                org.junit.jupiter.api.Assertions.assertFalse(r.contains(jargon), src + " → " + r);
            }
        }
    }
}
