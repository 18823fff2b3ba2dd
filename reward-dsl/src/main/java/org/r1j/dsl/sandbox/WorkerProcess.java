package org.r1j.dsl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived sandbox worker (resources/r1j/sandbox/worker.py): PID 1 of its own namespaces, set up once, then
 * one job per request, each in a fresh directory as the worker's own user id, cleaned up after. Start-up of the
 * namespaces costs tens of milliseconds of CPU, a job only a fork and an interpreter start, so the code reward
 * keeps up with a GRPO batch on two cores. Used by one thread at a time (its worker slot). If the worker does not
 * answer within the wall limit plus a margin, it is killed (its namespace with it) and restarted for the next job.
 */
final class WorkerProcess implements AutoCloseable {
    /** The worker script's first words, near the start of its command line: tests tell workers from leftovers by it. */
    static final String TAG = "# r1j sandbox worker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_TIMEOUT_MS = 15_000;
    private static final long MARGIN_MS = 3_000;

    private final Process process;
    private final BufferedWriter requests;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) replies.add(line);
            } catch (IOException e) {
                // the worker died; run() sees no reply
            }
            replies.add("");  // end of stream
        });
    }

    /** Starts a worker running jobs as {@code uid}; throws with the worker's own words when set-up fails. */
    static WorkerProcess start(int uid, SandboxLimits limits, String interpreter, String workerScript, String asserts,
                               String serve) throws IOException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("uid", uid);
        args.put("judge_uid", uid + Isolation.JUDGE_UID_OFFSET);
        args.put("hidden", new ArrayList<>(Isolation.hiddenDirectories(interpreter)));
        args.put("tmp_bytes", 4 * limits.fileBytes());
        args.put("cpu", limits.cpuLimitSeconds());
        args.put("memory", limits.memoryBytes());
        args.put("fsize", limits.fileBytes());
        args.put("nproc", limits.processes());
        args.put("output", limits.outputBytes());
        args.put("wall_ms", limits.wallMillis());
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--net", "--pid", "--ipc", "--uts", "--fork",
                "--kill-child", "--mount-proc", interpreter, "-I", "-S", "-c", workerScript, JSON.writeValueAsString(args), asserts, serve));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        WorkerProcess w = new WorkerProcess(pb.start());
        String ready = w.reply(START_TIMEOUT_MS);
        if (ready == null || ready.isEmpty()) {
            w.close();
            throw new IOException("sandbox worker did not start" + (ready == null ? " in " + START_TIMEOUT_MS / 1000 + " s" : ""));
        }
        JsonNode r = JSON.readTree(ready);
        if (!r.path("ready").asBoolean()) {
            w.close();
            throw new IOException("sandbox worker set-up failed: " + r.path("error").asText());
        }
        return w;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Runs one job; a worker that dies or stops answering gives a sandbox error or a time-out, never a hang. */
    Execution run(Job job, SandboxLimits limits) {
        long start = System.nanoTime();
        try {
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("code", job.code());
            req.put("check", job.check());
            req.put("stdin", job.stdin());
            if (job.launch() != null) {
                req.put("exec", job.launch());
                req.put("file", job.file());
                req.put("memory", job.memory());
            }
            requests.write(JSON.writeValueAsString(req));
            requests.write('\n');
            requests.flush();
            String line = reply(limits.wallMillis() + MARGIN_MS);
            long wall = (System.nanoTime() - start) / 1_000_000;
            if (line == null) {
                close();
                return new Execution(Execution.Status.TIMED_OUT, -1, "", "", wall, "");
            }
            if (line.isEmpty()) return Execution.sandboxError("the sandbox worker died", wall);
            JsonNode r = JSON.readTree(line);
            Execution.Status status = switch (r.path("status").asText()) {
                case "exited" -> Execution.Status.EXITED;
                case "timeout" -> Execution.Status.TIMED_OUT;
                case "output" -> Execution.Status.OUTPUT_LIMIT;
                default -> null;
            };
            if (status == null) return Execution.sandboxError("worker: " + r.path("error").asText("bad reply"), wall);
            int code = r.path("exit").asInt(-1);
            if (status == Execution.Status.EXITED && code == 126 && r.path("stderr").asText().isEmpty()) {
                return Execution.sandboxError("could not start the program as its sandbox user", wall);
            }
            return new Execution(status, status == Execution.Status.EXITED ? code : -1, r.path("stdout").asText(),
                    r.path("stderr").asText(), wall, "");
        } catch (IOException e) {
            close();
            return Execution.sandboxError("sandbox worker: " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private String reply(long timeoutMs) throws java.io.InterruptedIOException {
        try {
            return replies.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the sandbox worker");
        }
    }

    /** Kills the worker: unshare's death kills the namespace's PID 1, which takes every job process along. */
    @Override
    public void close() {
        List<ProcessHandle> kids = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle k : kids) k.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
