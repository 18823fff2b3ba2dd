package org.r1j.dsl.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a program against its tests in the {@link Sandbox}, each test in a run of its own (a crash or a
 * poisoned state cannot carry over), all tests of a call in parallel up to the sandbox's workers. Never throws
 * for anything the program does; a timed-out, crashed or killed run is a failed test.
 */
public final class CodeJudge {
    private static volatile CodeJudge shared;

    private final Sandbox sandbox;

    public CodeJudge(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The JVM's judge (default limits, the strongest isolation available), made on first use. */
    public static CodeJudge shared() {
        CodeJudge j = shared;
        if (j == null) {
            synchronized (CodeJudge.class) {
                if (shared == null) shared = new CodeJudge(new Sandbox(SandboxLimits.DEFAULT, Isolation.detect()));
                j = shared;
            }
        }
        return j;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Every test's verdict; {@code code} longer than the limit fails every test without running. */
    public TestReport judge(String code, List<TestCase> tests, CodeLanguage language) {
        String interpreter = language.interpreter().orElse(null);
        List<TestOutcome> outcomes = new ArrayList<>(tests.size());
        String cannot = interpreter == null ? "no " + language.displayName() + " interpreter (looked for "
                + (language == CodeLanguage.PYTHON ? "/usr/bin/python3" : "a JDK's bin/java") + ")"
                : !language.takesAssertTests() && tests.stream().anyMatch(t -> t instanceof TestCase.Assert)
                ? "assert tests are Python snippets; " + language.displayName() + " programs take stdin/stdout tests" : null;
        if (cannot != null) {
            Execution e = Execution.sandboxError(cannot, 0);
            for (int i = 0; i < tests.size(); i++) outcomes.add(new TestOutcome(i + 1, false, e.endedBy(sandbox.limits()), e));
            return new TestReport(outcomes, sandbox.isolation());
        }
        if (code.length() > sandbox.limits().maxCodeChars()) {
            Execution e = new Execution(Execution.Status.EXITED, -1, "", "", 0, "");
            String why = "program is " + code.length() + " chars, over the " + sandbox.limits().maxCodeChars() + "-char limit";
            for (int i = 0; i < tests.size(); i++) outcomes.add(new TestOutcome(i + 1, false, why, e));
            return new TestReport(outcomes, sandbox.isolation());
        }
        try (ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestOutcome>> futures = new ArrayList<>(tests.size());
            for (int i = 0; i < tests.size(); i++) {
                int number = i + 1;
                TestCase t = tests.get(i);
                futures.add(runs.submit(() -> runOne(number, interpreter, language, code, t)));
            }
            for (Future<TestOutcome> f : futures) outcomes.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging code", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("judging code failed: " + e.getCause(), e.getCause());
        }
        return new TestReport(outcomes, sandbox.isolation());
    }

    private TestOutcome runOne(int number, String interpreter, CodeLanguage language, String code, TestCase test) {
        return switch (test) {
            case TestCase.Stdio io -> {
                Execution e = sandbox.run(interpreter, language.job(code, "", io.input(), interpreter, sandbox.limits()));
                yield stdioVerdict(number, io, e, language);
            }
            case TestCase.Assert a -> assertVerdict(number, a, sandbox.run(interpreter, new Job(code, "assert", a.snippet())));
        };
    }

    private TestOutcome stdioVerdict(int number, TestCase.Stdio io, Execution e, CodeLanguage language) {
        if (e.status() != Execution.Status.EXITED || e.exitCode() != 0) return failed(number, e, language);
        String got = OutputMatch.normalise(e.stdout());
        String want = OutputMatch.normalise(io.expected());
        if (got.equals(want)) return new TestOutcome(number, true, "", e);
        return new TestOutcome(number, false, "expected " + quote(want) + ", got " + quote(got), e);
    }

    /**
     * An assert test passes only on its judge's word (asserts.py): the snippet ran in the judge's process against
     * the program's names and finished. A time-out or limit of the whole run fails it as for any test.
     */
    private TestOutcome assertVerdict(int number, TestCase.Assert a, Execution e) {
        if (e.status() != Execution.Status.EXITED) return failed(number, e, CodeLanguage.PYTHON);
        AssertVerdict v = AssertVerdict.of(e).orElse(null);
        if (v == null) {
            String err = e.lastErrorLine();
            return new TestOutcome(number, false, "the test's judge gave no verdict (" + e.endedBy(sandbox.limits())
                    + (err.isEmpty() ? "" : ": " + clip(err)) + ")", e);
        }
        Execution program = v.program();
        if (v.passed()) return new TestOutcome(number, true, "", program);
        String test = quote(a.snippet());
        String why = switch (v.failure()) {
            case "assert" -> test + " failed" + (v.why().isBlank() ? "" : ": " + clip(v.why()));
            case "error" -> test + " raised " + clip(v.why());
            case "output" -> program.endedBy(sandbox.limits());
            case "gone" -> program.exitCode() == 0 ? "the program exited before " + test + " finished"
                    : program.exitCode() < 0 ? "the program stopped answering before " + test + " finished"
                            + (v.why().isBlank() ? "" : " (" + clip(v.why()) + ")")
                    : failed(number, program, CodeLanguage.PYTHON).why();
            default -> "the test's judge failed: " + clip(v.why());
        };
        return new TestOutcome(number, false, why, program);
    }

    private TestOutcome failed(int number, Execution e, CodeLanguage language) {
        String why = e.endedBy(sandbox.limits());
        String err = language.errorLine(e.stderr());
        if (e.status() == Execution.Status.EXITED && !err.isEmpty()) why = why + ": " + clip(err);
        return new TestOutcome(number, false, why, e);
    }

    static String quote(String s) {
        return "\"" + clip(s) + "\"";
    }

    private static String clip(String s) {
        String one = s.strip().replace("\r", "").replace('\n', '⏎');
        return one.length() <= 40 ? one : one.substring(0, 39) + "…";
    }
}
