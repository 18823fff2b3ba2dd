# r1j sandbox worker: PID 1 of fresh mount/network/PID/IPC/UTS namespaces, root inside them, one per judge worker.
# Set-up (once): hide the given directories under empty read-only tmpfs mounts and put a private tmpfs on /tmp.
# Then one job per stdin line (JSON: code, check, stdin), one reply per stdout line (JSON). Each job runs in a fresh
# directory as the worker's own unprivileged user id, with kernel resource limits, in its own session (an assert
# test's snippet runs beside it as a second user id, asserts.py, and its verdict is the job's stdout); past the wall
# limit or the output limit its processes are killed. After each job every process of that user id is killed and its
# directory removed, so nothing carries over. The program never sees expected outputs (the judge compares them).
import ctypes, json, os, selectors, shutil, signal, sys, time

ARGS = json.loads(sys.argv[1])
ASSERTS = {}
exec(sys.argv[2], ASSERTS)  # assert_job: the program in one process (serve.py), its assert test judged in another
SERVE_SOURCE = sys.argv[3]
SERVE = {}
exec(SERVE_SOURCE, SERVE)
UID = ARGS["uid"]
JUDGE_UID = ARGS["judge_uid"]
LIBC = ctypes.CDLL(None, use_errno=True)
MS_RDONLY, MS_NOSUID, MS_NODEV = 1, 2, 4


def mount_tmpfs(target, options, flags):
    if LIBC.mount(b"r1j", target.encode(), b"tmpfs", flags, options.encode()) != 0:
        raise OSError(ctypes.get_errno(), "cannot mount tmpfs on " + target)


def set_up():
    for d in ARGS["hidden"]:
        if os.path.isdir(d) and not os.path.islink(d):
            mount_tmpfs(d, "size=4k,mode=0555", MS_RDONLY | MS_NOSUID | MS_NODEV)
    mount_tmpfs("/tmp", "size=%d,mode=0755" % ARGS["tmp_bytes"], MS_NOSUID | MS_NODEV)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def child(job, d, fds):
    try:
        stdin_r, out_w, err_w = fds
        os.setsid()
        os.dup2(stdin_r, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.closerange(3, 1 << 16)
        os.chdir(d)
        import resource
        cpu = ARGS["cpu"]
        memory = job.get("memory") or ARGS["memory"]
        for r, v in ((resource.RLIMIT_CPU, (cpu, cpu + 1)), (resource.RLIMIT_AS, (memory,) * 2),
                     (resource.RLIMIT_FSIZE, (ARGS["fsize"],) * 2), (resource.RLIMIT_NPROC, (ARGS["nproc"],) * 2),
                     (resource.RLIMIT_NOFILE, (64, 64)), (resource.RLIMIT_CORE, (0, 0))):
            resource.setrlimit(r, v)
        env = {"PATH": "/usr/bin:/bin", "HOME": d, "TMPDIR": d, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
               "PYTHONDONTWRITEBYTECODE": "1"}
        if job.get("exec"):
            # another language (Java's single-file launch): the program as a file in its directory, then exec
            with open(os.path.join(d, job["file"]), "w", encoding="utf-8") as f:
                f.write(job["code"])
            os.chown(os.path.join(d, job["file"]), UID, UID)
            env["MALLOC_ARENA_MAX"] = "2"  # glibc reserves 64 MB of address space per thread arena otherwise
            become(UID)
            os.execve(job["exec"][0], job["exec"], env)
        prepare(env)
        if job["check"] == "assert":
            # the program as UID in a fresh interpreter (this process's memory has held tests), the test as
            # JUDGE_UID in this fork: the program can neither read nor signal its judge
            def fresh_program():
                become(UID)
                exe = sys.executable
                os.execve(exe, [exe, "-I", "-S", "-c", SERVE_SOURCE, "--serve", job["code"]], env)

            ASSERTS["assert_job"](job["code"], lambda: job.get("stdin") or "", fresh_program, lambda: become(JUDGE_UID),
                                  ARGS["output"], SERVE)
        become(UID)
        run_here(job["code"])
    finally:
        os._exit(126)


def become(uid):
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    LIBC.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS


def prepare(env):
    """This forked interpreter as a fresh one would be: the job's environment, stdio on fds 0-2, no argv."""
    import io
    os.environ.clear()
    os.environ.update(env)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", line_buffering=False)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", line_buffering=True)
    sys.argv = ["main.py"]


def run_here(code):
    """A stdin/stdout test runs in this forked interpreter (already started: ~10 ms of CPU saved per test). Safe
    because this process holds nothing the program may not see: the judge keeps the expected output."""
    import traceback
    status = 0
    try:
        exec(compile(code, "main.py", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            print(e.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        status = status or 1
    os._exit(status & 0xFF)


def kill_user():
    """SIGKILL every process of the job's user id until none is left (they may be forking)."""
    for _ in range(200):
        found = False
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            try:
                if os.stat("/proc/" + p).st_uid in (UID, JUDGE_UID):
                    found = True
                    os.kill(int(p), signal.SIGKILL)
            except OSError:
                pass
        reap()
        if not found:
            return
        time.sleep(0.002)


STATUSES = {}


def reap():
    """Collects every exited child (orphans of a job are re-parented to this PID 1), keeping their statuses."""
    while True:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        STATUSES[pid] = st


def run(job, n):
    d = "/tmp/j%d" % n
    os.mkdir(d, 0o700)
    os.chown(d, UID, UID)
    stdin_r, stdin_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        child(job, d, (stdin_r, out_w, err_w))
    for f in (stdin_r, out_w, err_w):
        os.close(f)
    cap, keep_err = ARGS["output"], 8192
    data = job.get("stdin") if job["check"] != "assert" else None  # an assert test's snippet stays with its judge
    pending = data.encode() if data else b""
    out, err, sizes = bytearray(), bytearray(), {out_r: 0, err_r: 0}
    sel = selectors.DefaultSelector()
    sel.register(out_r, selectors.EVENT_READ)
    sel.register(err_r, selectors.EVENT_READ)
    if pending:
        os.set_blocking(stdin_w, False)
        sel.register(stdin_w, selectors.EVENT_WRITE)
    else:
        os.close(stdin_w)
    pidfd = os.pidfd_open(pid)
    sel.register(pidfd, selectors.EVENT_READ)
    status, deadline, open_reads, alive = "exited", start + ARGS["wall_ms"] / 1000.0, 2, True
    while open_reads or alive:
        left = deadline - time.monotonic()
        if left <= 0:
            status = "timeout"
            break
        if status != "exited":
            break
        for key, _ in sel.select(left):
            fd = key.fd
            if fd == pidfd:
                # the program is done: whatever it left running goes, so its pipes close
                alive = False
                sel.unregister(fd)
                kill_user()
                continue
            if fd == stdin_w:
                try:
                    pending = pending[os.write(fd, pending[:65536]):]
                except OSError:
                    pending = b""
                if not pending:
                    sel.unregister(fd)
                    os.close(fd)
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                sel.unregister(fd)
                open_reads -= 1
                continue
            sizes[fd] += len(chunk)
            if sizes[fd] > cap:
                status = "output"
                break
            if fd == out_r:
                out += chunk
            else:
                err += chunk
                if len(err) > 2 * keep_err:
                    del err[:-keep_err]
    kill_user()
    try:
        STATUSES[pid] = os.waitpid(pid, 0)[1]
    except ChildProcessError:
        pass
    st = STATUSES.pop(pid, None)
    code = -1 if st is None else os.waitstatus_to_exitcode(st)
    code = 128 - code if code < 0 else code
    wall = int((time.monotonic() - start) * 1000)
    os.close(pidfd)
    STATUSES.clear()
    for key in list(sel.get_map().values()):
        try:
            os.close(key.fd)
        except OSError:
            pass
    sel.close()
    shutil.rmtree(d, ignore_errors=True)
    return {"status": status, "exit": code, "stdout": out.decode("utf-8", "replace"),
            "stderr": err[-keep_err:].decode("utf-8", "replace"), "wall_ms": wall}


def main():
    try:
        set_up()
    except OSError as e:
        sys.stdout.write(json.dumps({"ready": False, "error": str(e)}) + "\n")
        sys.stdout.flush()
        return
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    n = 0
    for line in sys.stdin:
        n += 1
        try:
            reply = run(json.loads(line), n)
        except Exception as e:  # a bug here must be a sandbox error for this job, not a dead worker
            kill_user()
            reply = {"status": "error", "error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


main()
