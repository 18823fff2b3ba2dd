package org.r1j.dsl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;

/**
 * Java programs in the namespace sandbox (single-file source launch): verdicts, explanations, containment. Needs
 * a JDK under /usr and namespaces (skips otherwise, loudly); a JVM's start-up and in-memory compile cost ~0.5-1 s
 * of CPU per run, so these limits are roomier than SandboxTest's.
 */
class JavaSandboxTest {
    static final SandboxLimits LIMITS = new SandboxLimits(2.0, 8_000, 256L << 20, 64 << 10, 1L << 20, 32, 2, 65_536);
    private static CodeJudge judge;

    @BeforeAll
    static void needJavaAndNamespaces() {
        String why = CodeLanguage.JAVA.interpreter().isEmpty() ? "no JDK under /usr (java with javac beside it)"
                : CodeLanguage.PYTHON.interpreter().isEmpty() ? "no /usr/bin/python3 (the sandbox worker)"
                : Isolation.detect() != Isolation.NAMESPACES ? "namespaces not permitted here: " + Isolation.fallbackReason() : null;
        if (why != null) {
            System.err.println("JavaSandboxTest skipped: " + why);
            Assumptions.abort(why);
        }
        judge = new CodeJudge(new Sandbox(LIMITS, Isolation.NAMESPACES));
    }

    @AfterAll
    static void close() {
        if (judge != null) judge.sandbox().close();
    }

    private static TestReport run(String code, List<TestCase> tests) {
        TestReport r = judge.judge(code, tests, CodeLanguage.JAVA);
        SandboxTest.assertNoneLeft();
        return r;
    }

    static final List<TestCase> ADD = List.of(new TestCase.Stdio("1 2\n", "3"), new TestCase.Stdio("10 -4\n", "6"));

    @Test
    void rightAndWrongProgramsAndWhyTheyFailed() {
        String add = """
                import java.util.Scanner;
                public class Main {
                    public static void main(String[] args) {
                        Scanner in = new Scanner(System.in);
                        System.out.println(in.nextInt() + in.nextInt());
                    }
                }
                """;
        TestReport right = run(add, ADD);
        assertEquals(2, right.passed(), right.explanation());
        TestReport wrong = run(add.replace("in.nextInt() + in.nextInt()", "in.nextInt() * in.nextInt()"), ADD);
        assertEquals(0, wrong.passed(), wrong.explanation());
        assertTrue(wrong.explanation().contains("test 1: expected \"3\", got \"2\""), wrong.explanation());
        TestReport compile = run("public class Main { public static void main(String[] a) { int x = \"s\"; } }", ADD.subList(0, 1));
        assertTrue(compile.explanation().matches(".*exit 1: .*Main.java:1: error: incompatible types.*"), compile.explanation());
        TestReport crash = run("public class Main { public static void main(String[] a) { throw new IllegalStateException(\"boom\"); } }", ADD.subList(0, 1));
        assertTrue(crash.explanation().contains("exit 1: IllegalStateException: boom"), crash.explanation());
        TestReport asserts = run(add, List.of(new TestCase.Assert("assert add(1, 2) == 3")));
        assertTrue(asserts.undecided().isPresent(), asserts.explanation());
        assertTrue(asserts.explanation().contains("assert tests are Python snippets; java programs take stdin/stdout tests"), asserts.explanation());
    }

    @Test
    void hostileJavaIsContained() {
        String loop = "public class Main { public static void main(String[] a) { long x = 0; while (true) x++; } }";
        TestReport spin = run(loop, List.of(new TestCase.Stdio("", "ok")));
        assertTrue(spin.explanation().matches(".*(CPU limit|timed out|SIGKILL).*"), spin.explanation());
        String escape = """
                import java.nio.file.*;
                public class Main {
                    public static void main(String[] a) throws Exception {
                        String net, ssh, work;
                        try (var s = new java.net.Socket()) {
                            s.connect(new java.net.InetSocketAddress("1.1.1.1", 53), 1000);
                            net = "connected";
                        } catch (Exception e) { net = "ok"; }
                        try { ssh = Files.list(Path.of("/root/.ssh")).count() >= 0 ? "listed" : "?"; } catch (Exception e) { ssh = "ok"; }
                        try { work = Files.readString(Path.of("PROJECT_README")).substring(0, 3); } catch (Exception e) { work = "ok"; }
                        new ProcessBuilder("sleep", "60").start();  // left behind on purpose: the sandbox must end it
                        System.out.println(net + " " + ssh + " " + work);
                    }
                }
                """.replace("PROJECT_README", java.nio.file.Path.of("").toAbsolutePath().getParent().resolve("README.md").toString());
        TestReport r = run(escape, List.of(new TestCase.Stdio("", "ok ok ok")));
        assertEquals(1, r.passed(), r.explanation() + " / " + r.outcomes().get(0).execution());
        String hog = "public class Main { public static void main(String[] a) { long[][] x = new long[1 << 20][]; for (int i = 0; i < x.length; i++) x[i] = new long[1 << 16]; } }";
        TestReport mem = run(hog, List.of(new TestCase.Stdio("", "ok")));
        assertTrue(mem.explanation().contains("OutOfMemoryError"), mem.explanation());
    }

    @Test
    void withoutNamespacesJavaIsUnknownNotUnguarded() {
        try (Sandbox process = new Sandbox(LIMITS, Isolation.PROCESS)) {
            TestReport r = new CodeJudge(process).judge("public class Main { public static void main(String[] a) {} }",
                    List.of(new TestCase.Stdio("", "")), CodeLanguage.JAVA);
            assertTrue(r.undecided().isPresent(), r.explanation());
            assertTrue(r.explanation().contains("only the namespace sandbox runs programs other than Python"), r.explanation());
        }
    }

    @Test
    void theCodeRewardTakesJavaBlocks() {
        RewardProgram p = RewardProgram.compile("java.reward", """
                field tests: list
                reward accuracy = code_tests(code_block(completion, "java"), tests, "java")
                """).orThrow();
        String completion = "<answer>\n```java\npublic class Main { public static void main(String[] a) {"
                + " System.out.println(new java.util.Scanner(System.in).nextLine().length()); } }\n```\n</answer>";
        Score s = p.score(new Sample("", completion, "", java.util.Map.of("tests",
                List.of(java.util.Map.of("input", "abc\n", "output", "3"), java.util.Map.of("input", "hello\n", "output", "4"))), -1));
        assertEquals(0.5, s.values().get("accuracy"), s.explanations().toString());
        assertTrue(s.explanations().get("accuracy").contains("1/2 passed; test 2: expected \"4\", got \"5\""), s.explanations().toString());
    }
}
