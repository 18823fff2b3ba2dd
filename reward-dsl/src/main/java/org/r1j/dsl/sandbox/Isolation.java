package org.r1j.dsl.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How strongly a run is separated from the machine, chosen once per JVM by trying it.
 *
 * <ul>
 *   <li>{@link #NAMESPACES}: {@code unshare} gives each run new mount, network, PID, IPC and UTS namespaces (as root,
 *   or in a new user namespace otherwise). Inside, a root shell (PID 1 of the namespace, so killing it kills every
 *   process of the run) mounts a small private tmpfs on {@code /tmp} as the working directory, hides the project,
 *   home and scratch directories under empty read-only tmpfs mounts, then runs the program under {@code prlimit}
 *   — as root, as a user id of its own per worker ({@code setpriv}), so that {@code RLIMIT_NPROC} and file
 *   permissions apply. The network namespace has only a down loopback: no network at all.</li>
 *   <li>{@link #PROCESS}: where namespaces are not permitted (containers without CAP_SYS_ADMIN or user
 *   namespaces). The program runs under {@code prlimit} (and its own user id where the judge is root) in a fresh
 *   host temporary directory; the Python guard (an audit hook installed before the program) blocks sockets,
 *   new processes, signals, writes outside that directory and reads of the hidden directories. Weaker — a
 *   program that escapes the interpreter escapes the guard — and every explanation says so.</li>
 * </ul>
 * {@code -Dr1j.sandbox.isolation=namespaces|process} forces a level (tests use it to check both).
 */
public enum Isolation {
    NAMESPACES, PROCESS;

    /**
     * First user id given to sandbox runs when the judge is root: sandbox k's worker i runs as
     * FIRST_UID + (k mod UID_BLOCKS) · UID_BLOCK + i (ids no account uses; RLIMIT_NPROC counts per user id).
     */
    static final int FIRST_UID = 61_000;
    static final int UID_BLOCK = 256;
    static final int UID_BLOCKS = 64;
    /** An assert test's judge runs as its worker's user id plus this (above every worker's id): the program cannot
     * signal, trace or read it. */
    static final int JUDGE_UID_OFFSET = UID_BLOCK * UID_BLOCKS;

    /** Exit status of the namespace shell when setting up the sandbox failed (not the program's). */
    static final int SETUP_FAILED = 125;

    private static volatile Isolation detected;
    private static volatile String fallbackReason = "";

    /** The strongest level that works here (probed once, by running the real launch of {@code /bin/true}). */
    public static Isolation detect() {
        Isolation d = detected;
        if (d != null) return d;
        synchronized (Isolation.class) {
            if (detected == null) detected = probe();
            return detected;
        }
    }

    /** Why namespaces are not used ("" when they are). */
    public static String fallbackReason() {
        detect();
        return fallbackReason;
    }

    /** A short note for explanations: what isolation the runs had. */
    public String note() {
        if (this == NAMESPACES) return "sandbox: namespaces, no network";
        return "sandbox without namespaces" + (fallbackReason.isEmpty() ? "" : " (" + fallbackReason + ")")
                + ": sockets, processes and signals blocked inside Python only";
    }

    private static Isolation probe() {
        String forced = System.getProperty("r1j.sandbox.isolation", "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("process")) {
            fallbackReason = "forced by r1j.sandbox.isolation";
            return PROCESS;
        }
        String why = tryNamespaces();
        if (why == null) return NAMESPACES;
        if (forced.equals("namespaces")) throw new IllegalStateException("r1j.sandbox.isolation=namespaces, but " + why);
        fallbackReason = why;
        return PROCESS;
    }

    /** Null when a namespaced launch of /bin/true works, else the reason. */
    private static String tryNamespaces() {
        if (!Files.isExecutable(Path.of("/usr/bin/unshare")) && !Files.isExecutable(Path.of("/bin/unshare"))) {
            return "no unshare program";
        }
        try {
            Path dir = Files.createTempDirectory("r1j-probe");
            try {
                // a user id above every block and its judges
                List<String> cmd = launch(NAMESPACES, FIRST_UID + 2 * JUDGE_UID_OFFSET, SandboxLimits.DEFAULT, dir, List.of("/bin/true"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                boolean done = p.waitFor(10, TimeUnit.SECONDS);
                String out = new String(p.getInputStream().readNBytes(2_000)).strip();
                if (!done) {
                    p.destroyForcibly();
                    return "namespace probe hung";
                }
                return p.exitValue() == 0 ? null : "unshare not permitted: " + (out.isEmpty() ? "exit " + p.exitValue() : out.lines().findFirst().orElse(""));
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            return "unshare failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The command line that runs {@code program} in a sandbox at this level, as user {@code uid} where the judge
     * is root, with {@code workDir} the host directory used where there are no namespaces.
     */
    static List<String> launch(Isolation level, int uid, SandboxLimits limits, Path workDir, List<String> program) {
        List<String> limited = new ArrayList<>();
        if (isRoot()) {
            limited.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--no-new-privs"));
        }
        long cpu = limits.cpuLimitSeconds();
        limited.addAll(List.of("prlimit", "--cpu=" + cpu + ":" + (cpu + 1), "--as=" + limits.memoryBytes(),
                "--fsize=" + limits.fileBytes(), "--nproc=" + limits.processes(), "--core=0", "--nofile=64", "--"));
        limited.addAll(program);
        if (level == PROCESS) {
            // setsid: the run gets its own process group, so a time-out can kill all of it; --wait, because setsid
            // forks when it is already a group leader and would otherwise return before the program ends
            List<String> cmd = new ArrayList<>(List.of("setsid", "--wait"));
            cmd.addAll(limited);
            return cmd;
        }
        List<String> cmd = new ArrayList<>(List.of("unshare"));
        if (!isRoot()) cmd.addAll(List.of("--user", "--map-root-user"));
        cmd.addAll(List.of("--mount", "--net", "--pid", "--ipc", "--uts", "--fork", "--kill-child", "--mount-proc",
                "/bin/sh", "-c", namespaceScript(limits, program.get(0)), "r1j-sandbox"));
        cmd.addAll(limited);
        return cmd;
    }

    /**
     * Runs as root PID 1 inside the namespaces: private /tmp, hidden directories, then the program as a child
     * (not exec: PID 1 stays root, keeps its parent-death signal, and its death ends the namespace).
     */
    private static String namespaceScript(SandboxLimits limits, String interpreter) {
        StringBuilder s = new StringBuilder();
        s.append("fail() { echo \"r1j-sandbox: $1\" >&2; exit ").append(SETUP_FAILED).append("; }\n");
        for (String d : hiddenDirectories(interpreter)) {
            s.append("if [ -d '").append(d).append("' ]; then mount -t tmpfs -o size=4k,mode=0555 r1j-hidden '")
                    .append(d).append("' || fail 'cannot hide ").append(d).append("'; fi\n");
        }
        s.append("mount -t tmpfs -o size=").append(limits.fileBytes()).append(",mode=1777 r1j-work /tmp || fail 'cannot mount /tmp'\n");
        s.append("cd /tmp || fail 'cannot enter /tmp'\n");
        s.append("\"$@\"\n");
        return s.toString();
    }

    /** The outermost folder above the working directory that holds a pom.xml (the r1j checkout), or null. */
    private static String projectRoot() {
        Path found = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (java.nio.file.Files.isRegularFile(d.resolve("pom.xml"))) found = d;
        }
        return found == null ? null : found.toString();
    }

    /** Directories a program must not see: homes, the project, scratch space (not the interpreter's own). */
    static Set<String> hiddenDirectories(String interpreter) {
        Set<String> dirs = new LinkedHashSet<>(List.of("/root", "/home", "/work", "/var/tmp", "/dev/shm", "/mnt",
                "/media", "/srv", "/opt", "/run/user"));
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isBlank() && !tmp.equals("/") && !tmp.equals("/tmp") && !tmp.startsWith("/tmp/")) dirs.add(tmp);
        // the home, the working directory and the project that holds it, wherever they are (a clone under /tmp too;
        // the runs' own directories are elsewhere in the temp directory)
        for (String p : new String[] {System.getProperty("user.home"), System.getProperty("user.dir"),
                System.getProperty("r1j.root"), projectRoot()}) {
            if (p != null && !p.isBlank() && !p.equals("/") && !p.equals("/tmp") && !p.equals(tmp)) dirs.add(p);
        }
        String real = interpreter;
        try {
            real = Path.of(interpreter).toRealPath().toString();
        } catch (IOException e) {
            // keep the path as given
        }
        String in = real;
        dirs.removeIf(d -> in.equals(d) || in.startsWith(d + "/") || d.startsWith("/usr") || d.equals("/bin"));
        return dirs;
    }
}
