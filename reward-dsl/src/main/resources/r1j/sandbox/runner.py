# r1j sandbox runner (passed with python3 -I -S -c) where there are no workers. argv: guard-mode, program, check-mode,
# hidden dirs, then for assert tests the source of asserts.py, the output limit and the source of serve.py. Runs the
# program as __main__ (file name main.py). With check-mode "assert", stdin carries the test snippet: asserts.py
# forks the program (serve.py) before reading it, runs the snippet here against proxies of the program's names,
# and prints the verdict as one JSON line; the program never holds this process's stdout, so it cannot print a
# verdict of its own. With guard-mode "guard" (no namespaces), an
# audit hook blocks sockets, new processes, signals, writes outside the working directory and reads of the
# hidden directories before the program runs; the audit hook cannot be removed from Python code.
import sys


def _r1j_run(argv):
    import os
    guard, program, check, hidden = argv[1], argv[2], argv[3], argv[4]
    judge_source, cap, serve_source = (argv[5], int(argv[6]), argv[7]) if check == "assert" else (None, 0, None)
    hidden = tuple(d for d in hidden.split("\n") if d)
    del sys.argv[1:]
    work = os.getcwd()
    protect = (lambda: _r1j_guard(os, work, hidden)) if guard == "guard" else (lambda: None)
    if check == "assert":
        # the program is forked before the test is read from stdin: its process never holds the test
        judge, serve = {}, {}
        exec(judge_source, judge)
        exec(serve_source, serve)
        judge["assert_job"](program, lambda: sys.stdin.read(), protect, lambda: None, cap, serve)
    protect()
    glob = {"__name__": "__main__", "__builtins__": __builtins__}
    code = compile(program, "main.py", "exec")
    del argv, program
    exec(code, glob)


def _r1j_guard(os, work, hidden):
    blocked = {"socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo", "os.fork", "os.forkpty",
               "os.posix_spawn", "os.exec", "os.spawn", "os.system", "subprocess.Popen", "os.kill", "os.killpg",
               "signal.pthread_kill", "ctypes.dlopen", "ctypes.dlsym", "os.setsid"}
    writes = {"os.remove", "os.rmdir", "os.rename", "os.mkdir", "os.chmod", "os.chown", "os.link", "os.symlink",
              "os.truncate", "os.utime", "shutil.rmtree", "shutil.move", "shutil.copyfile"}
    realpath, fsdecode = os.path.realpath, os.fsdecode
    flags_w = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def inside(path, root):
        return path == root or path.startswith(root + "/")

    def where(p):
        return realpath(fsdecode(p)) if isinstance(p, (str, bytes)) else None

    def other_process(path):
        parts = path.split("/")
        return len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() and parts[2] != str(os.getpid())

    def hook(event, args):
        if event in blocked:
            raise PermissionError("r1j sandbox: " + event + " is not allowed")
        if event == "open":
            path = where(args[0])
            if path is None:
                return
            mode, flags = args[1] or "", args[2] or 0
            if any(inside(path, d) for d in hidden) or other_process(path):
                raise PermissionError("r1j sandbox: " + path + " is hidden")
            if (any(c in mode for c in "wax+") or flags & flags_w) and not inside(path, work) and path != os.devnull:
                raise PermissionError("r1j sandbox: writing outside the working directory")
        elif event in writes:
            for a in args[:2]:
                path = where(a)
                if path is not None and not inside(path, work):
                    raise PermissionError("r1j sandbox: " + event + " outside the working directory")
        elif event in ("os.listdir", "os.scandir", "os.chdir"):
            path = where(args[0]) if args and args[0] is not None else None
            if path is not None and any(inside(path, d) for d in hidden):
                raise PermissionError("r1j sandbox: " + path + " is hidden")

    sys.addaudithook(hook)


_r1j_run(sys.argv)
