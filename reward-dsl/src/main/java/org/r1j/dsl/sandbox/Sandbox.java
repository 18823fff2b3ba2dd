package org.r1j.dsl.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one program at a time per worker slot, with the limits of {@link SandboxLimits}. With namespaces and a
 * root judge each slot keeps a {@link WorkerProcess} (namespaces set up once, a fresh directory, user id
 * and process tree per run); otherwise each run is a process of its own under {@link Isolation#launch}, with the
 * wall-clock and output limits enforced here. {@link #run} never throws: anything that goes wrong is an
 * {@link Execution} with status {@code SANDBOX_ERROR}. Thread-safe; at most {@code limits.workers()} runs at once
 * (callers block for a slot). {@link #close} ends the workers (they also end with the JVM: their stdin closes).
 */
public final class Sandbox implements AutoCloseable {
    static final String RUNNER = Scripts.load("/r1j/sandbox/runner.py");
    /** Assert tests: the program in one process, its test snippet judged in another (both levels use it). */
    static final String ASSERTS = Scripts.load("/r1j/sandbox/asserts.py");
    /** Assert tests, the program's side: a fresh interpreter per test where there are namespaces. */
    static final String SERVE = Scripts.load("/r1j/sandbox/serve.py");
    private static final String WORKER = Scripts.load("/r1j/sandbox/worker.py");

    /** stderr kept for explanations (the end of it holds the exception). */
    private static final int STDERR_KEPT = 8_192;

    private final SandboxLimits limits;
    private final Isolation isolation;
    private final BlockingQueue<Integer> slots;
    /** Told about every finished run (benchmarks collect latencies with it); null for none. */
    private volatile java.util.function.Consumer<Execution> observer;

    private final WorkerProcess[] workers;
    private final int firstUid;

    public Sandbox(SandboxLimits limits, Isolation isolation) {
        this.limits = limits;
        this.isolation = isolation;
        this.slots = new ArrayBlockingQueue<>(limits.workers());
        for (int i = 0; i < limits.workers(); i++) slots.add(i);
        this.workers = isolation == Isolation.NAMESPACES && Isolation.isRoot() ? new WorkerProcess[limits.workers()] : null;
        // each sandbox its own block of user ids (also across JVMs), so process limits and clean-ups do not mix
        this.firstUid = UidBlocks.claim();
    }

    public SandboxLimits limits() {
        return limits;
    }

    public Isolation isolation() {
        return isolation;
    }

    /** Sets (or with null clears) the one observer of finished runs. */
    public void observe(java.util.function.Consumer<Execution> o) {
        observer = o;
    }

    /** Runs {@code job} with the interpreter at this absolute path. */
    public Execution run(String interpreter, Job job) {
        int slot;
        try {
            slot = slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Execution.sandboxError("interrupted", 0);
        }
        Execution e;
        try {
            e = workers != null ? inWorker(slot, interpreter, job) : runIn(slot, interpreter, job);
        } finally {
            slots.add(slot);
        }
        java.util.function.Consumer<Execution> o = observer;
        if (o != null) o.accept(e);
        return e;
    }

    private Execution inWorker(int slot, String interpreter, Job job) {
        WorkerProcess w = workers[slot];
        if (w == null || !w.alive()) {
            // the worker is a Python program, whatever language the job is in
            String python = job.launch() == null ? interpreter : CodeLanguage.PYTHON.interpreter().orElse(null);
            if (python == null) return Execution.sandboxError("the sandbox worker needs /usr/bin/python3", 0);
            try {
                w = WorkerProcess.start(firstUid + slot, limits, python, WORKER, ASSERTS, SERVE);
            } catch (IOException e) {
                return Execution.sandboxError(e.getMessage(), 0);
            }
            workers[slot] = w;
        }
        return w.run(job, limits);
    }

    /** Workers whose process is alive (0 after {@link #close}). */
    int liveWorkers() {
        if (workers == null) return 0;
        int n = 0;
        for (WorkerProcess w : workers) if (w != null && w.alive()) n++;
        return n;
    }

    @Override
    public void close() {
        if (workers == null) return;
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] != null) workers[i].close();
            workers[i] = null;
        }
    }

    /** One process for this run: {@link Isolation#launch} around the runner. */
    private Execution runIn(int slot, String interpreter, Job job) {
        if (job.launch() != null) {
            return Execution.sandboxError("only the namespace sandbox runs programs other than Python (there is no guard"
                    + " inside a JVM); here: " + isolation.note(), 0);
        }
        String guard = isolation == Isolation.PROCESS ? "guard" : "none";
        String hidden = String.join("\n", Isolation.hiddenDirectories(interpreter));
        List<String> program = List.of(interpreter, "-I", "-S", "-c", RUNNER, guard, job.code(), job.check(), hidden,
                ASSERTS, Integer.toString(limits.outputBytes()), SERVE);
        String stdin = job.stdin();
        long start = System.nanoTime();
        Path dir = null;
        Process p = null;
        try {
            if (isolation == Isolation.PROCESS) {
                dir = Files.createTempDirectory("r1j-run");
                if (Isolation.isRoot()) Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            ProcessBuilder pb = new ProcessBuilder(Isolation.launch(isolation, firstUid + slot, limits, dir, program));
            if (dir != null) pb.directory(dir.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", dir == null ? "/tmp" : dir.toString());
            env.put("LANG", "C.UTF-8");
            env.put("PYTHONIOENCODING", "utf-8");
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            if (dir != null) env.put("TMPDIR", dir.toString());
            p = pb.start();
            AtomicBoolean overflow = new AtomicBoolean();
            Process proc = p;
            Runnable kill = () -> killAll(proc, isolation == Isolation.PROCESS);
            Capture out = new Capture(p.getInputStream(), limits.outputBytes(), false, overflow, kill);
            Capture err = new Capture(p.getErrorStream(), limits.outputBytes(), true, overflow, kill);
            Thread feeder = Thread.ofVirtual().start(() -> feed(proc.getOutputStream(), stdin));
            boolean finished = p.waitFor(limits.wallMillis(), TimeUnit.MILLISECONDS);
            if (!finished) killAll(p, isolation == Isolation.PROCESS);
            p.waitFor();
            if (isolation == Isolation.PROCESS) killAll(p, true);  // anything it left in its group
            String stdout = out.text();
            String stderr = err.text();
            feeder.join(1_000);
            long wall = (System.nanoTime() - start) / 1_000_000;
            int code = p.exitValue();
            if (!finished) return new Execution(Execution.Status.TIMED_OUT, -1, stdout, stderr, wall, "");
            if (overflow.get()) return new Execution(Execution.Status.OUTPUT_LIMIT, -1, stdout, stderr, wall, "");
            if (code == Isolation.SETUP_FAILED && stderr.contains("r1j-sandbox:")) {
                return Execution.sandboxError(stderr.substring(stderr.indexOf("r1j-sandbox:") + 12).strip(), wall);
            }
            if (code == 127 || code == 126) {
                String line = stderr.strip();
                if (line.startsWith("prlimit:") || line.startsWith("setpriv:") || line.startsWith("setsid:") || line.startsWith("unshare:")) {
                    return Execution.sandboxError(line.lines().findFirst().orElse(line), wall);
                }
            }
            if (code == 1 && stderr.strip().startsWith("unshare:")) return Execution.sandboxError(stderr.strip().lines().findFirst().orElse(""), wall);
            return new Execution(Execution.Status.EXITED, code, stdout, stderr, wall, "");
        } catch (IOException e) {
            return Execution.sandboxError("cannot start: " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (p != null) killAll(p, isolation == Isolation.PROCESS);
            return Execution.sandboxError("interrupted", (System.nanoTime() - start) / 1_000_000);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /**
     * Kills the run and everything it started: with namespaces, killing {@code unshare} kills PID 1 of the
     * namespace (its parent-death signal), which takes every process in it along; without, the process group
     * and any descendants still attached.
     */
    private static void killAll(Process p, boolean processGroup) {
        List<ProcessHandle> kids = p.descendants().toList();
        if (processGroup && (p.isAlive() || !kids.isEmpty())) {
            // setsid made a new session whose group id is the pid of the launcher or of its child (when setsid
            // had to fork): kill every group that one of them leads
            List<String> cmd = new java.util.ArrayList<>(List.of("kill", "-KILL", "--", "-" + p.pid()));
            for (ProcessHandle k : kids) cmd.add("-" + k.pid());
            try {
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the handles below still do it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Process.destroy also closes our ends of its pipes: only for a live run, or the output still in the pipe is lost
        if (p.isAlive()) p.destroyForcibly();
        for (ProcessHandle k : kids) k.destroyForcibly();
    }

    private static void feed(OutputStream in, String stdin) {
        try (in) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the program exited or closed its stdin without reading it all: its business
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temp directory left behind is not worth failing a reward over
        }
    }

    /**
     * Drains one stream on a virtual thread: stdout keeps its first {@code cap} bytes, stderr its last
     * {@link #STDERR_KEPT}; past {@code cap} the run is killed (a program writing 1 GB must not cost 1 GB).
     */
    private static final class Capture {
        private final Thread thread;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Capture(InputStream in, int cap, boolean keepTail, AtomicBoolean overflow, Runnable kill) {
            thread = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[16_384];
                long total = 0;
                int errors = 0;
                try (in) {
                    while (true) {
                        int n;
                        try {
                            n = in.read(buf);
                        } catch (IOException e) {
                            // When the process exits, the JDK drains what is left of the pipe into a buffer and
                            // may close the pipe under a blocked read; the next read returns that buffer.
                            if (++errors > 3) break;
                            continue;
                        }
                        if (n < 0) break;
                        total += n;
                        if (total > cap) {
                            overflow.set(true);
                            kill.run();
                            break;
                        }
                        synchronized (kept) {
                            kept.write(buf, 0, n);
                            if (keepTail && kept.size() > 2 * STDERR_KEPT) {
                                byte[] all = kept.toByteArray();
                                kept.reset();
                                kept.write(all, all.length - STDERR_KEPT, STDERR_KEPT);
                            }
                        }
                    }
                } catch (IOException e) {
                    // closing failed: nothing left to read anyway
                }
            });
        }

        /** What was kept; waits for the stream's end, at most 2 s (a stray holder of the pipe cannot hang us). */
        String text() throws InterruptedException {
            thread.join(java.time.Duration.ofSeconds(2));
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
