package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.BOOL;
import static org.r1j.dsl.check.Type.LIST;
import static org.r1j.dsl.check.Type.NUMBER;
import static org.r1j.dsl.check.Type.TEXT;

import java.util.List;
import java.util.Optional;
import org.r1j.dsl.check.Suggest;
import org.r1j.dsl.sandbox.CodeJudge;
import org.r1j.dsl.sandbox.CodeLanguage;
import org.r1j.dsl.sandbox.TestCase;
import org.r1j.dsl.sandbox.TestCases;
import org.r1j.dsl.sandbox.TestReport;

/**
 * R1's code accuracy reward: {@code code_block} finds the program in a completion, {@code code_tests} and
 * {@code code_passes} run it against the sample's tests in the sandbox (open-r1's {@code code_reward} and
 * {@code binary_code_reward}). Unknown when there are no usable tests or the sandbox itself failed; a program
 * that crashes, times out or is killed fails the test.
 */
final class CodeFunctions {
    private CodeFunctions() {}

    static void register(Library l) {
        l.add(Function.of("code_block", "code_block(text, language): the last fenced ```language block; unknown if there is none",
                CodeFunctions::block, Signature.of(TEXT, TEXT, TEXT)).checkingLiterals(languageAt(1)));
        l.add(Function.of("code_tests", "code_tests(code, tests, language): the share of tests the program passes, run in the sandbox",
                (a, c) -> judge(a, c, false), Signature.of(NUMBER, TEXT, LIST, TEXT), Signature.of(NUMBER, TEXT, TEXT, TEXT))
                .quiet().checkingLiterals(languageAt(2)));
        l.add(Function.of("code_passes", "code_passes(code, tests, language): whether the program passes every test",
                (a, c) -> judge(a, c, true), Signature.of(BOOL, TEXT, LIST, TEXT), Signature.of(BOOL, TEXT, TEXT, TEXT))
                .quiet().checkingLiterals(languageAt(2)));
    }

    /** A compile-time check that the text literal at {@code position} names a supported language. */
    private static Function.LiteralCheck languageAt(int position) {
        return (index, literal) -> {
            if (index != position || CodeLanguage.named(literal).isPresent()) return null;
            List<String> names = java.util.Arrays.stream(CodeLanguage.values()).flatMap(x -> x.fenceNames().stream()).toList();
            return "unsupported language `" + literal + "`" + Suggest.hint(literal, names) + "; supported: " + CodeLanguage.supported();
        };
    }

    private static Object block(Object[] a, CallContext c) {
        String text = (String) a[0];
        Unknown cap = Values.tooLong("text", text, c.limits().maxTextInput());
        if (cap != null) return cap;
        Optional<CodeLanguage> lang = CodeLanguage.named((String) a[1]);
        if (lang.isEmpty()) return Unknown.of("unsupported language `" + a[1] + "`");
        Optional<String> code = CodeBlocks.last(text, lang.get());
        return code.isPresent() ? code.get() : Unknown.of("no ```" + lang.get().displayName() + " block");
    }

    private static Object judge(Object[] a, CallContext c, boolean all) {
        String code = (String) a[0];
        Optional<CodeLanguage> lang = CodeLanguage.named((String) a[2]);
        if (lang.isEmpty()) return note(c, Unknown.of("unsupported language `" + a[2] + "`"));
        List<TestCase> tests;
        try {
            tests = TestCases.parse(a[1]);
        } catch (IllegalArgumentException e) {
            return note(c, Unknown.of("tests: " + e.getMessage()));
        }
        TestReport r = CodeJudge.shared().judge(code, tests, lang.get());
        if (r.undecided().isPresent()) {
            return note(c, Unknown.of("test " + r.undecided().get().number() + ": " + r.undecided().get().why()));
        }
        c.note(r.explanation());
        return all ? (Object) (r.passed() == r.total()) : (Object) r.fraction();
    }

    private static Unknown note(CallContext c, Unknown u) {
        c.note(u.reason());
        return u;
    }
}
