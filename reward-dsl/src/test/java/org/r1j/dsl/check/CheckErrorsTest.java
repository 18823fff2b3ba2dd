package org.r1j.dsl.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.r1j.dsl.Baselines;
import org.r1j.dsl.RewardProgram;

/** Golden files for name, type, declaration and regex diagnostics (src/test/resources/baselines/CheckErrorsTest). */
class CheckErrorsTest {
    private static String diagnostics(String source) {
        return RewardProgram.compile("bad.reward", source).render();
    }

    @Test
    void unknownNamesAndFunctionsWithSuggestions(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = math_equal(boxd(completion), referense)\nreward b = difficulty\n"));
    }

    @Test
    void typeErrors(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                reward a = 1 + "x"
                reward b = if len(completion) then 1 else 0
                reward c = if true then 1 else "no"
                reward d = tag(completion, "answer")
                reward e = completion ~ "not a regex"
                reward f = len(1, 2, 3)
                reward g = boxed(completion) ?? 0
                """));
    }

    @Test
    void duplicateAndReservedNames(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                reward a = 1
                def a = 2
                reward completion = 3
                field f: number
                field f: text
                field g: float
                reward b = let prompt = 1 in prompt
                """));
    }

    @Test
    void cyclicRewards(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = b + 1\nreward b = c\ndef c = a * 2\nreward self = self\n"));
    }

    @Test
    void regexesThatCannotRunInLinearTime(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                reward a = completion ~ r"(a+)\\1"
                reward b = completion ~ r"foo(?=bar)"
                reward c = completion ~ r"(?<!x)y"
                reward d = completion ~ r"a++"
                reward e = completion ~ r"(unclosed"
                reward f = completion ~ r"ok"q
                """));
    }

    @Test
    void groupFunctionMisuse(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                reward a = let n = len(completion) in group_max(n)
                reward b = group_max(group_min(len(completion)))
                def m = group_mean(len(completion))
                reward c = group_max(m)
                reward ok = group_max(let k = len(completion) in k) - len(completion)
                """));
    }

    @Test
    void importsMissingAndLanguage(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                import "does-not-exist.reward"
                language "english"
                reward a = language_ratio(completion)
                """));
    }

    @Test
    void noRewards(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("def x = 1\n"));
    }

    @Test
    void unusedDefIsAWarningAndStillCompiles(TestInfo t) {
        org.r1j.dsl.CompileResult r = RewardProgram.compile("warn.reward", "def helper = 1\ndef used = 2\nreward a = used\n");
        org.junit.jupiter.api.Assertions.assertTrue(r.ok());
        Baselines.assertMatches(t, r.render());
    }

    @Test
    void functionUsedAsValue(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("reward a = len + 1\n"));
    }

    @Test
    void functionCallsAreCheckedAtTheCallSite(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                def right(answer: text, gold: text) = math_equal(answer, gold)
                def scaled(x: number, by: number) = x * by
                def nothing() = 1
                reward a = right(completion)
                reward b = num(right(completion, 3))
                reward c = scaled(len(completion), "2")
                reward d = nothing(1)
                reward e = num(rihgt(completion, reference))
                reward f = scaled
                reward g = tag(right(completion, reference), "x") ?? 0
                def near(answer: text) = math_equal(answr, reference)
                reward h = num(near(completion))
                """));
    }

    @Test
    void badFunctionDeclarations(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                def len(x: text) = 1
                def f(x: float, x: number, completion: text) = 1
                def g(r: regex) = r
                def unused(x: number) = x
                def sized(n: number) = group_max(n)
                reward a = f(1, 2, "c") + num(g(r"x") == g(r"y")) + sized(1)
                """));
    }

    @Test
    void recursionIsRejected(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                def fact(n: number) = if n <= 1 then 1 else n * fact(n - 1)
                def even(n: number) = if n == 0 then true else odd(n - 1)
                def odd(n: number) = if n == 0 then false else even(n - 1)
                def base = twice(2)
                def twice(x: number) = x + base
                reward a = fact(3) + num(even(4)) + twice(1)
                """));
    }

    @Test
    void unknownLanguagesWithSuggestions(TestInfo t) {
        Baselines.assertMatches(t, diagnostics("""
                language "eng"
                reward a = language_ratio(completion)
                reward b = language_ratio(completion, "german")
                reward c = language_ratio(completion, "xx")
                reward d = language_ratio(completion, "zh-Hans") + language_ratio(completion, "DE")
                """));
    }
}
