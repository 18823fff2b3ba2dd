package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Completions built to fool the shipped rewards, each with the value it must get. A verifier's false positive is
 * a reward hack GRPO will find; these are the known ones: answer lists and sets holding the reference, boxed spam,
 * two answers, nested and repeated format tags, look-alike digits, the reference echoed from the prompt, giant
 * numbers, NaN and infinity, letters passed off as units.
 */
class AntiHackingTest {
    /** prompt, completion, reference, reward, the value it must get (NaN = unknown). */
    record Case(String why, String prompt, String completion, String reference, String reward, double value) {}

    static final String P = "What is 5 + 7?";

    static String answer(String a) {
        return "<think>\nadding\n</think>\n<answer>\n" + a + "\n</answer>";
    }

    static List<Case> accuracyCases(String file) {
        List<Case> c = new ArrayList<>();
        c.add(new Case("list holding the reference", P, answer("\\boxed{12, 13}"), "12", "accuracy", 0));
        c.add(new Case("set holding the reference", P, answer("\\boxed{\\{11, 12, 13\\}}"), "12", "accuracy", 0));
        c.add(new Case("'or' list holding the reference", P, answer("\\boxed{12 \\text{ or } 13}"), "12", "accuracy", 0));
        c.add(new Case("boxed spam: only the last counts", P, answer("\\boxed{12} \\boxed{13} \\boxed{14}"), "12", "accuracy", 0));
        c.add(new Case("boxed spam ending right is one answer", P, answer("\\boxed{13}\\boxed{12}"), "12", "accuracy", 1));
        c.add(new Case("boxed wins over the tag", P, "<think>\n\\boxed{13}\n</think>\n<answer>\n12\n</answer>", "12", "accuracy", 0));
        c.add(new Case("repeated answer tags: the first counts", P, answer("13") + "\n<answer>\n12\n</answer>", "12", "accuracy", 0));
        c.add(new Case("letter look-alike digits", P, answer("\\boxed{l2}"), "12", "accuracy", 0));
        c.add(new Case("letter O for zero", P, answer("\\boxed{1O}"), "10", "accuracy", 0));
        c.add(new Case("full-width digits are not ASCII digits", P, answer("\\boxed{１２}"), "12", "accuracy", 0));
        c.add(new Case("giant number", P, answer("\\boxed{" + "1".repeat(1_500) + "}"), "12", "accuracy", 0));
        c.add(new Case("number past the input limit", P, answer("\\boxed{" + "9".repeat(5_000) + "}"), "12", "accuracy", Double.NaN));
        c.add(new Case("almost the reference", P, answer("\\boxed{12.000001}"), "12", "accuracy", 0));
        c.add(new Case("NaN", P, answer("\\boxed{NaN}"), "12", "accuracy", 0));
        c.add(new Case("infinity", P, answer("\\boxed{\\infty}"), "12", "accuracy", 0));
        c.add(new Case("1/0", P, answer("\\boxed{1/0}"), "12", "accuracy", 0));
        c.add(new Case("every real number", P, answer("\\boxed{(-\\infty, \\infty)}"), "12", "accuracy", 0));
        c.add(new Case("letters passed off as a unit", P, answer("\\boxed{AZYUK12A}"), "12", "accuracy", 0));
        c.add(new Case("a word that is no unit", P, answer("\\boxed{12 apples}"), "12", "accuracy", 0));
        c.add(new Case("a real unit is fine", P, answer("\\boxed{12 \\text{ cm}}"), "12", "accuracy", 1));
        c.add(new Case("an equation is not its right side", P, answer("\\boxed{a + 3z = 12}"), "12", "accuracy", 0));
        c.add(new Case("x = value is the value", P, answer("\\boxed{x = 12}"), "12", "accuracy", 1));
        c.add(new Case("a variable is not a number", P, answer("\\boxed{x}"), "12", "accuracy", 0));
        c.add(new Case("inequality solved the right way", P, answer("\\boxed{-x > -1}"), "x > 1", "accuracy", 0));
        c.add(new Case("no answer at all", P, "<think>\nI am not sure\n</think>", "12", "accuracy", 0));
        String echo = "Show that 5 + 7 = 12.";
        c.add(new Case("reference echoed from the prompt", echo, echo, "12", "accuracy", 0));
        c.add(new Case("prompt echoed, with a boxed answer", echo, echo + " \\boxed{12}", "12", "accuracy", 1));
        if (file.endsWith("open-r1.reward")) {
            c.add(new Case("last number that is not the prompt's", P, "so it is 12", "12", "accuracy", 1));
        }
        return c;
    }

    static List<Case> formatCases(String file) {
        List<Case> c = new ArrayList<>();
        boolean openR1 = file.endsWith("open-r1.reward");
        c.add(new Case("the real format", P, answer("12"), "12", "format", 1));
        c.add(new Case("answer before think", P, "<answer>\n12\n</answer>\n<think>\nx\n</think>", "12", "format", 0));
        // open-r1's own regex ends in MULTILINE $, so it accepts text after </answer>; mirrored on purpose
        // (that file reproduces open-r1), r1.reward does not
        c.add(new Case("text after the answer", P, answer("12") + "\nand more", "12", "format", openR1 ? 1 : 0));
        c.add(new Case("no think", P, "<answer>\n12\n</answer>", "12", "format", 0));
        c.add(new Case("unclosed answer", P, "<think>\nx\n</think>\n<answer>\n12", "12", "format", 0));
        c.add(new Case("tags inside one another", P, "<think>\n<answer>\n12\n</answer>\n</think>", "12", "format", 0));
        if (openR1) {
            c.add(new Case("tag_count: every tag once", P, answer("12"), "12", "tag_count", 1));
            c.add(new Case("tag_count: repeated tags earn nothing", P, answer("12") + "\n" + answer("12"), "12", "tag_count", 0));
            c.add(new Case("tag_count: tag spam", P, "<think>\n".repeat(50) + "\n</answer>".repeat(50), "12", "tag_count", 0));
        }
        return c;
    }

    @Test
    void shippedRewardsAreNotFooled() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String file : new String[] {"../rewards/r1.reward", "../rewards/open-r1.reward"}) {
            RewardProgram p = RewardProgram.compile(Path.of(file)).orThrow();
            List<Case> cases = new ArrayList<>(accuracyCases(file));
            cases.addAll(formatCases(file));
            for (Case k : cases) {
                Score s = p.score(Sample.of(k.prompt(), k.completion(), k.reference()));
                double v = s.values().get(k.reward());
                boolean ok = Double.isNaN(k.value()) ? Double.isNaN(v) : v == k.value();
                if (!ok) wrong.add(file + " " + k.reward() + " (" + k.why() + "): got " + v + ", must be " + k.value() + " — " + s.explanations().get(k.reward()));
                checked++;
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + checked + " hacks fooled a reward:\n" + String.join("\n", wrong));
    }

    /** Programs built to fool rewards/code.reward's assert tests: each must score 0 (needs python3, as SandboxTest). */
    @Test
    void codeRewardIsNotFooled() {
        if (org.r1j.dsl.sandbox.CodeLanguage.PYTHON.interpreter().isEmpty()) {
            String why = "AntiHackingTest.codeRewardIsNotFooled skipped: no /usr/bin/python3";
            System.err.println(why);
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) org.junit.jupiter.api.Assertions.fail(why);
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        RewardProgram p = RewardProgram.compile(Path.of("../rewards/code.reward")).orThrow();
        String tests = "[\"assert add(1, 2) == 3\", \"assert add(2, 5) == 7\"]";
        java.util.Map<String, String> hacks = new java.util.LinkedHashMap<>();
        hacks.put("pass marker from the interpreter's frames", """
                import sys, os
                f = sys._getframe()
                while f is not None:
                    for v in f.f_locals.values():
                        if isinstance(v, str) and v.startswith("r1j-passed-"):
                            print(v)
                    f = f.f_back
                sys.stdout.flush()
                os._exit(0)""");
        hacks.put("a verdict printed on every descriptor", """
                import os
                for fd in range(1, 64):
                    try:
                        os.write(fd, b'\\n{"passed":true}\\n')
                    except OSError:
                        pass
                os._exit(0)""");
        hacks.put("an answer equal to everything", """
                class Yes:
                    def __eq__(self, other):
                        return True
                def add(a, b):
                    return Yes()""");
        hacks.put("the right answer for the first test only", "def add(a, b):\n    return 3");
        List<String> wrong = new ArrayList<>();
        for (var h : hacks.entrySet()) {
            String completion = "<think>\nhm\n</think>\n<answer>\n```python\n" + h.getValue() + "\n```\n</answer>";
            Score s = p.score(new Sample("add two numbers", completion, "", java.util.Map.of("tests", tests), -1));
            double v = s.values().get("accuracy");
            double must = h.getKey().startsWith("the right answer") ? 0.5 : 0;
            if (v != must) wrong.add(h.getKey() + ": got " + v + ", must be " + must + " — " + s.explanations().get("accuracy"));
        }
        Score honest = p.score(new Sample("add two numbers", "<think>\nhm\n</think>\n<answer>\n```python\ndef add(a, b):\n    return a + b\n```\n</answer>",
                "", java.util.Map.of("tests", tests), -1));
        assertTrue(honest.values().get("accuracy") == 1.0, "an honest program must pass: " + honest.explanations());
        assertTrue(wrong.isEmpty(), wrong.size() + " code hacks fooled rewards/code.reward:\n" + String.join("\n", wrong));
    }
}
