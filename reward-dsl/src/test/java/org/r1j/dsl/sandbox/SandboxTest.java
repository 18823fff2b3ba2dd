package org.r1j.dsl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adversarial programs against both isolation levels: none may escape, hang the call past its limit, or leave a
 * process behind, and each explanation says what happened. Needs /usr/bin/python3 (skips loudly without it;
 * fails under R1J_REQUIRE_EXTERNAL=1); the namespace cases also need unshare to be permitted.
 */
class SandboxTest {
    /** Short limits so the hostile cases end fast; the wall limit is what a hang may cost. */
    static final SandboxLimits LIMITS = new SandboxLimits(1.0, 1_500, 256L << 20, 64 << 10, 1L << 20, 16, 4, 65_536);

    /** A call may take the wall limit plus process start and kill; more is a hang. */
    static final long CALL_BOUND_MS = LIMITS.wallMillis() + 2_500;

    @BeforeAll
    static void needPython() {
        if (CodeLanguage.PYTHON.interpreter().isEmpty()) {
            String why = "SandboxTest skipped: no /usr/bin/python3 (apt-get install python3)";
            System.err.println(why);
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) fail(why + " (R1J_REQUIRE_EXTERNAL=1)");
            Assumptions.abort(why);
        }
    }

    /** One judge per level for the whole class: workers are reused across tests, as in training. */
    private static final java.util.Map<Isolation, CodeJudge> JUDGES = new java.util.EnumMap<>(Isolation.class);

    static synchronized CodeJudge judge(Isolation level) {
        if (level == Isolation.NAMESPACES) {
            Assumptions.assumeTrue(Isolation.detect() == Isolation.NAMESPACES,
                    "namespaces not permitted here: " + Isolation.fallbackReason());
        }
        return JUDGES.computeIfAbsent(level, l -> new CodeJudge(new Sandbox(LIMITS, l)));
    }

    /** The levels this machine can test: both where namespaces work, else only the process level. */
    static List<Isolation> levels() {
        return Isolation.detect() == Isolation.NAMESPACES ? List.of(Isolation.values()) : List.of(Isolation.PROCESS);
    }

    @org.junit.jupiter.api.AfterAll
    static synchronized void closeWorkers() {
        for (CodeJudge j : JUDGES.values()) {
            j.sandbox().close();
            assertEquals(0, j.sandbox().liveWorkers(), "sandbox workers still running after close()");
        }
        JUDGES.clear();
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void nothingCarriesOverBetweenRuns(Isolation level) {
        CodeJudge j = judge(level);
        // its directory starts empty; with namespaces /tmp is private too (holding only its own directory)
        String others = level == Isolation.NAMESPACES ? " + [p for p in os.listdir('/tmp') if '/tmp/' + p != os.getcwd()]" : "";
        String code = "import os\nleft = os.listdir('.')" + others + "\nopen('mine.txt', 'w').write('x')\n"
                + "print('clean' if not left else left)\n";
        for (int round = 0; round < 3; round++) {
            TestReport r = run(j, code, java.util.Collections.nCopies(LIMITS.workers(), new TestCase.Stdio("", "clean")));
            assertEquals(LIMITS.workers(), r.passed(), "round " + round + ": " + r.explanation());
        }
    }

    static TestReport run(CodeJudge j, String code, List<TestCase> tests) {
        long t0 = System.nanoTime();
        TestReport r = j.judge(code, tests, CodeLanguage.PYTHON);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < CALL_BOUND_MS * tests.size(), ms + " ms: " + r.explanation());
        assertTrue(r.undecided().isEmpty(), "sandbox failed: " + r.explanation());
        assertNoneLeft();
        if (System.getenv("SBX_DEBUG") != null) System.out.println("SBX " + j.sandbox().isolation() + " | " + code.replace('\n', ';') + " => " + r.explanation());
        return r;
    }

    /** No process of a sandbox user id, and none under this JVM, survives a run. */
    static void assertNoneLeft() {
        long deadline = System.currentTimeMillis() + 2_000;
        List<String> left;
        do {
            left = leftovers();
            if (left.isEmpty()) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        } while (System.currentTimeMillis() < deadline);
        fail("processes left behind: " + left);
    }

    private static List<String> leftovers() {
        List<String> out = new java.util.ArrayList<>();
        ProcessHandle.current().descendants()
                .filter(h -> !h.info().commandLine().orElse("").contains(WorkerProcess.TAG))
                .forEach(h -> out.add(h.pid() + " " + h.info().commandLine().orElse("?")));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String status = Files.readString(p.resolve("status"));
                    for (String line : status.split("\n")) {
                        if (line.startsWith("Uid:")) {
                            int uid = Integer.parseInt(line.split("\\s+")[1]);
                            // this JVM's sandboxes' user ids and their judges' (another JVM's sandboxes are theirs)
                            if (UidBlocks.ours(uid)) out.add(p.getFileName() + " uid " + uid + " " + describe(p));
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Where a leftover came from: its parent chain and command line. */
    private static String describe(Path proc) {
        long pid = Long.parseLong(proc.getFileName().toString());
        StringBuilder b = new StringBuilder();
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        b.append(h.flatMap(x -> x.info().commandLine()).orElse("?"));
        for (int i = 0; i < 6 && h.isPresent(); i++) {
            h = h.get().parent();
            b.append(" <- ").append(h.map(x -> x.pid() + (x.pid() == ProcessHandle.current().pid() ? " (this JVM)" : "")).orElse("?"));
        }
        return b.toString();
    }

    static final List<TestCase> ADD = List.of(new TestCase.Stdio("1 2\n", "3"), new TestCase.Stdio("2 5\n", "7"),
            new TestCase.Stdio("10 -4\n", "6"));

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void correctProgramPassesEveryKindOfTest(Isolation level) {
        CodeJudge j = judge(level);
        TestReport r = run(j, "a, b = map(int, input().split())\nprint(a + b)\n", ADD);
        assertEquals(3, r.passed(), r.explanation());
        assertEquals("3/3 passed", r.explanation().replaceAll(" \\(sandbox without.*", ""));
        TestReport asserts = run(j, "def add(a, b):\n    return a + b\n",
                List.of(new TestCase.Assert("assert add(1, 2) == 3"), new TestCase.Assert("assert add(2, 2) == 5")));
        assertEquals(1, asserts.passed(), asserts.explanation());
        assertTrue(asserts.explanation().contains("test 2: \"assert add(2, 2) == 5\" failed"), asserts.explanation());
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void wrongAnswersCrashesAndEarlyExitsFail(Isolation level) {
        CodeJudge j = judge(level);
        TestReport hard = run(j, "input()\nprint(7)\n", ADD);  // the right answer for test 2 only
        assertEquals(1, hard.passed());
        assertTrue(hard.explanation().startsWith("1/3 passed; test 1: expected \"3\", got \"7\"; test 3: expected \"6\", got \"7\""), hard.explanation());
        TestReport crash = run(j, "raise ValueError('boom')\n", ADD.subList(0, 1));
        assertTrue(crash.explanation().contains("exit 1: ValueError: boom"), crash.explanation());
        TestReport syntax = run(j, "print(\n", ADD.subList(0, 1));
        assertTrue(syntax.explanation().contains("SyntaxError"), syntax.explanation());
        for (String exit : new String[] {"import sys\nsys.exit(0)\n", "import os\nos._exit(0)\n"}) {
            TestReport early = run(j, "def add(a, b):\n    return 0\n" + exit, List.of(new TestCase.Assert("assert add(1, 2) == 3")));
            assertEquals(0, early.passed(), exit + ": " + early.explanation());
            assertTrue(early.explanation().contains("exited before"), early.explanation());
        }
        TestReport noStdin = run(j, "print(input())\n", List.of(new TestCase.Assert("pass")));
        assertTrue(noStdin.explanation().contains("EOFError"), noStdin.explanation());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("infinite loop", "while True:\n    pass\n", "CPU limit|timed out|SIGKILL"),
                Arguments.of("sleep past the wall limit", "import time\ntime.sleep(60)\n", "timed out 1.5 s"),
                Arguments.of("10 GB allocation", "x = bytearray(10 * 1024**3)\nprint(len(x))\n", "MemoryError"),
                Arguments.of("1 GB of output", "import sys\nb = 'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.write(b)\n", "output over 64 KB"),
                Arguments.of("1 GB file", "with open('big', 'w') as f:\n    for _ in range(1024):\n        f.write('x' * (1 << 20))\n",
                        "file size limit|No space left|File too large|exit 1"),
                Arguments.of("fork bomb", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
                        "timed out|not allowed|CPU limit|SIGKILL"),
                Arguments.of("thread bomb", "import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(60,)).start()\n",
                        "can't start new thread|RuntimeError|timed out|MemoryError|exit 1"),
                Arguments.of("daemon left behind", "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(60)\nprint('parent done')\n",
                        "expected \"ok\"|os.fork"));
    }

    @ParameterizedTest(name = "{0} ({index})")
    @MethodSource("hostile")
    void hostileProgramIsContainedFailsAndIsExplained(String name, String code, String expected) {
        for (Isolation level : levels()) {
            TestReport r = run(judge(level), code, List.of(new TestCase.Stdio("", "ok")));
            assertEquals(0, r.passed(), level + " " + name + ": " + r.explanation());
            assertTrue(java.util.regex.Pattern.compile(expected).matcher(r.explanation()).find(), level + " " + name + ": " + r.explanation());
        }
    }

    /** Prints "ok" only if the attack failed; anything else (or a crash) fails the test and shows what it did. */
    static Stream<Arguments> escapes() {
        String project = Path.of("").toAbsolutePath().getParent().resolve("README.md").toString();
        return Stream.of(
                Arguments.of("open a socket", "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=1)\n    print('connected')\nexcept OSError as e:\n    print('ok')\n"),
                Arguments.of("resolve a name", "import socket\ntry:\n    socket.getaddrinfo('example.com', 80)\n    print('resolved')\nexcept OSError:\n    print('ok')\n"),
                Arguments.of("read ~/.ssh", "import os\ntry:\n    print(os.listdir(os.path.expanduser('/root/.ssh')))\nexcept OSError:\n    print('ok')\n"),
                Arguments.of("read the project tree", "try:\n    print(open('" + project + "').read()[:50])\nexcept OSError:\n    print('ok')\n"),
                Arguments.of("kill the parent", "import os, signal\ntry:\n    os.kill(os.getppid(), signal.SIGKILL)\n    print('killed', os.getppid())\nexcept OSError:\n    print('ok')\n"),
                Arguments.of("kill everything", "import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass\nprint('ok')\n"),
                Arguments.of("delete outside its directory", "import os\ntry:\n    os.remove('" + SandboxTest.canary() + "')\n    print('deleted')\nexcept OSError:\n    print('ok')\n"),
                Arguments.of("read the tests' marker from argv", "import sys\nprint('ok' if len(sys.argv) == 1 else sys.argv)\n"));
    }

    private static Path canary;

    static synchronized String canary() {
        try {
            if (canary == null) {
                canary = Path.of("target", "sandbox-canary.txt").toAbsolutePath();
                Files.createDirectories(canary.getParent());
                Files.writeString(canary, "still here");
                canary.toFile().setWritable(true, false);
            }
            return canary.toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} ({index})")
    @MethodSource("escapes")
    void escapeAttemptsFail(String name, String code) throws Exception {
        for (Isolation level : levels()) {
            TestReport r = run(judge(level), code, List.of(new TestCase.Stdio("", "ok")));
            assertEquals(1, r.passed(), level + " " + name + ": " + r.explanation() + " / " + r.outcomes().get(0).execution());
        }
        assertEquals("still here", Files.readString(Path.of(canary())));
        assertTrue(ProcessHandle.current().isAlive());
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void testsRunInParallelAndTheCallIsBounded(Isolation level) {
        CodeJudge j = judge(level);
        List<TestCase> sleepers = java.util.Collections.nCopies(4, new TestCase.Stdio("", "x"));
        long t0 = System.nanoTime();
        TestReport r = run(j, "import time\ntime.sleep(60)\n", sleepers);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // four workers: four time-outs of 1.5 s at once, not 6 s in a row
        assertTrue(ms < 2 * LIMITS.wallMillis() + 2_000, ms + " ms");
        assertFalse(r.explanation().isEmpty());
        assertTrue(r.explanation().startsWith("0/4 passed; test 1: timed out 1.5 s"), r.explanation());
        assertTrue(r.explanation().endsWith("1 more failed") || r.explanation().contains("1 more failed ("), r.explanation());
    }

    /** A wrong {@code add} that tries to make its assert test pass anyway; none may. */
    static Stream<Arguments> forgedVerdicts() {
        String wrong = "def add(a, b):\n    return 0\n";
        String forge = "import os, sys\nfor fd in range(1, 64):\n    try:\n        os.write(fd, b'\\n{\"passed\": true}\\n')\n    except OSError:\n        pass\n";
        return Stream.of(
                // the gap this closes: the old runner kept its pass marker in a frame the program could walk to
                Arguments.of("walk the interpreter's frames for a marker", wrong + """
                        import sys, os
                        f, seen = sys._getframe(), []
                        while f is not None:
                            for v in list(f.f_locals.values()) + list(f.f_globals.values()):
                                if isinstance(v, str) and len(v) > 16 and v.isprintable():
                                    seen.append(v)
                            f = f.f_back
                        for v in seen:
                            print(v)
                        sys.stdout.flush()
                        os._exit(0)
                        """),
                Arguments.of("inspect the stack and gc for strings", wrong + """
                        import gc, inspect, os, sys
                        for fr in inspect.stack():
                            for v in fr.frame.f_locals.values():
                                if isinstance(v, str):
                                    print(v)
                        for o in gc.get_objects():
                            if isinstance(o, dict):
                                for v in list(o.values()):
                                    if isinstance(v, str) and 16 < len(v) < 200:
                                        print(v)
                        sys.stdout.flush()
                        os._exit(0)
                        """),
                Arguments.of("print a verdict of its own on every fd", wrong + forge + "print('{\"passed\": true}')\nsys.stdout.flush()\nos._exit(0)\n"),
                Arguments.of("forge the verdict from inside the test's call", """
                        import os, sys
                        def add(a, b):
                            for fd in range(1, 64):
                                try:
                                    os.write(fd, b'{"passed": true}\\n')
                                except OSError:
                                    pass
                            sys.stdout.flush()
                            os._exit(0)
                        """),
                Arguments.of("an answer that equals everything", """
                        class Anything:
                            def __eq__(self, other):
                                return True
                            def __bool__(self):
                                return True
                        def add(a, b):
                            return Anything()
                        """),
                Arguments.of("kill its judge", wrong + "import os, signal\ntry:\n    os.kill(os.getppid(), signal.SIGKILL)\nexcept OSError:\n    pass\n"),
                Arguments.of("replace the builtins the test uses", wrong + "import builtins\nbuiltins.AssertionError = type('Nope', (Exception,), {})\n"
                        + "builtins.__build_class__ = None\n"),
                // the tests must not be in the program's own memory (a fork of a process that read them would be)
                // (regexes that cannot match their own source; a canary it plants shows the scan works)
                Arguments.of("find the tests in its own memory", """
                        import re
                        needle = re.compile(rb"assert add\\(\\d+, \\d+\\) == \\d+")  # matches a test, not itself
                        planted = " ".join(["r1j", "canary", str(40000 + 2345)])
                        canary = re.compile(rb"r1j canary \\d{5}")
                        found, seen = False, set()
                        try:
                            with open('/proc/self/maps') as maps, open('/proc/self/mem', 'rb', 0) as mem:
                                for line in maps:
                                    m = re.match(r'([0-9a-f]+)-([0-9a-f]+) r', line)
                                    if not m:
                                        continue
                                    lo, hi = int(m.group(1), 16), int(m.group(2), 16)
                                    if hi - lo > 64 << 20:
                                        continue
                                    try:
                                        mem.seek(lo)
                                        block = mem.read(hi - lo)
                                    except (OSError, ValueError, OverflowError):
                                        continue
                                    if needle.search(block):
                                        seen.add('tests')
                                    if canary.search(block):
                                        seen.add('canary')
                            found = 'tests' in seen or 'canary' not in seen  # a scan that misses its canary proves nothing
                        except OSError:
                            found = False  # its memory cannot be read at all
                        import gc, sys
                        def holds_test(v):
                            return isinstance(v, str) and needle.search(v.encode("utf-8", "replace")) is not None
                        f = sys._getframe()
                        while f is not None:
                            found = found or any(holds_test(v) for v in list(f.f_locals.values()) + list(f.f_globals.values()))
                            f = f.f_back
                        for o in gc.get_objects():
                            items = list(o.values()) if isinstance(o, dict) else list(o) if isinstance(o, (list, tuple)) else []
                            found = found or any(holds_test(v) for v in items)
                        def add(a, b):
                            return a + b if found else 0
                        """),
                // the judge holds the snippet (its expected values): a program that could read it could answer from it
                Arguments.of("read its judge's memory", """
                        import os
                        try:
                            open('/proc/%d/mem' % os.getppid(), 'rb').close()
                            opened = True
                        except OSError:
                            opened = False
                        def add(a, b):
                            return a + b if opened else 0
                        """));
    }

    @ParameterizedTest(name = "{0} ({index})")
    @MethodSource("forgedVerdicts")
    void assertVerdictsCannotBeForgedFromInsideTheProgram(String name, String code) {
        List<TestCase> test = List.of(new TestCase.Assert("assert add(1, 2) == 3"), new TestCase.Assert("assert add(2, 2) == 4"));
        for (Isolation level : levels()) {
            TestReport r = run(judge(level), code, test);
            assertEquals(0, r.passed(), level + " " + name + ": " + r.explanation());
        }
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void assertTestsSeeTheProgramsNamesObjectsAndExceptions(Isolation level) {
        CodeJudge j = judge(level);
        String code = """
                import math
                N = 7
                SQUARES = {i: i * i for i in range(4)}
                def area(r):
                    return math.pi * r * r
                def sort_in_place(xs):
                    xs.sort()
                def root(x):
                    if x < 0:
                        raise ValueError("negative")
                    return math.sqrt(x)
                def nothing():
                    return float("nan"), None, b"ab", (1, [2, {3}])
                class Solution:
                    def __init__(self, k):
                        self.k = k
                    def two_sum(self, nums, target):
                        seen = {}
                        for i, n in enumerate(nums):
                            if target - n in seen:
                                return [seen[target - n], i]
                            seen[n] = i
                    def __len__(self):
                        return self.k
                print("program output is not the verdict")
                """;
        List<String> passing = List.of(
                "assert N == 7 and SQUARES[3] == 9",
                "assert abs(area(2) - 12.566) < 1e-3 and math.isclose(area(1), math.pi)",
                "a = [3, 1, 2]\nsort_in_place(a)\nassert a == [1, 2, 3]",
                "try:\n    root(-1)\nexcept ValueError as e:\n    assert str(e) == 'negative'\nelse:\n    assert False",
                "v = nothing()\nassert v[0] != v[0] and v[1:] == (None, b'ab', (1, [2, {3}]))",
                "s = Solution(3)\nassert s.two_sum([2, 7, 11], 9) == [0, 1] and len(s) == 3 and s.k == 3",
                "def check(candidate):\n    assert candidate(4) == 2.0\n    assert all(candidate(x * x) == x for x in range(5))\ncheck(root)",
                "print('a test may print')\nassert True");
        List<TestCase> tests = new java.util.ArrayList<>();
        passing.forEach(t -> tests.add(new TestCase.Assert(t)));
        tests.add(new TestCase.Assert("assert root(9) == 4"));
        tests.add(new TestCase.Assert("assert root(-4) == 2"));
        tests.add(new TestCase.Assert("assert missing(1) == 1"));
        TestReport r = run(j, code, tests);
        assertEquals(passing.size(), r.passed(), r.explanation());
        String e = r.explanation();
        assertTrue(e.contains("test 9: \"assert root(9) == 4\" failed"), e);
        assertTrue(e.contains("test 10: \"assert root(-4) == 2\" raised ValueError: negative"), e);
        assertTrue(e.contains("test 11: \"assert missing(1) == 1\" raised NameError"), e);
    }
}
