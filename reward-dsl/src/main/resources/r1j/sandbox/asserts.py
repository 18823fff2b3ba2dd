# r1j assert tests, the judge's side (exec'd by worker.py and runner.py; defines assert_job). The verdict of an
# assert test must not be forgeable by the program, and a program can do anything its own process can (walk frames,
# read its memory, write to any fd it holds). So the test snippet never runs in the program's process: the program
# runs in a child (serve.py), as its own user id where the sandbox has namespaces, and serves calls over a pipe;
# the snippet runs here, in the judge process, where every name the program defined is a proxy. What crosses the
# pipe is data (numbers, text, lists, tuples, dicts, sets, bytes, None) or a handle to an object that stays in the
# program; nothing the program sends is ever run. The judge writes its verdict as one JSON line on its own stdout,
# which the program's process never holds. Comparing a handle with plain data is False, so an object whose __eq__
# always says yes passes nothing.
import builtins, json, marshal, os, signal, sys, threading, time

_KEPT = 65536  # program output kept in the verdict (for explanations only)
S = {}  # serve.py's functions, set by assert_job


class ProgramGone(Exception):
    """The program's side ended or broke the protocol while the test was using it."""


def _write(fd, obj):
    data = (json.dumps(obj, separators=(",", ":")) + "\n").encode()
    while data:
        data = data[os.write(fd, data):]


def _program(code, fds, become_program):
    """The child: stdout/stderr to the judge's pipes, stdin empty, requests on fd 3, replies on fd 4. The
    process it was forked from must not hold the test (become_program execs a fresh interpreter where it may)."""
    out_w, err_w, req_r, rep_w = fds
    high = [os.dup(f) for f in (out_w, err_w, req_r, rep_w)]
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for target, f in zip((1, 2, 3, 4), high):
        os.dup2(f, target)
    os.closerange(5, 1 << 16)
    become_program()
    S["run_and_serve"](code)


# ---- the judge's side: runs the snippet against proxies of the program's names ----

class _Link:
    """The judge's end of the pipe: requests out as marshal frames, replies in as JSON frames (serve.py)."""

    def __init__(self, rfd, wfd):
        self.rfd, self.wfd, self.proxies = rfd, wfd, {}

    def read(self):
        """The next reply as JSON; anything the program can do wrong is ProgramGone."""
        try:
            reply = json.loads(S["read_frame"](self.rfd))
        except (S["ProgramGone"], ValueError, RecursionError) as e:
            raise ProgramGone(str(e) if isinstance(e, S["ProgramGone"]) else "the program wrote something else than a reply to the test's pipe")
        if type(reply) is not dict:
            raise ProgramGone("the program wrote something else than a reply to the test's pipe")
        return reply

    def value(self, j):
        try:
            return S["untag"](j, self.proxy)
        except (S["ProgramGone"], ValueError, TypeError, RecursionError, UnicodeDecodeError, OverflowError):
            raise ProgramGone("the program wrote something else than a reply to the test's pipe")

    def proxy(self, i):
        if type(i) is not int:
            raise ValueError("not a handle")
        p = self.proxies.get(i)
        if p is None:
            p = self.proxies[i] = Remote(self, i)
        return p

    def send(self, v):
        if isinstance(v, Remote):
            return {"r": v._r1j_id}
        return S["tag"](v, self._refuse, False)

    @staticmethod
    def _refuse(v):
        raise TypeError("a test can pass the program only plain data or the program's own objects, not %s" % type(v).__name__)

    def ask(self, op, ref, **fields):
        fields.update(op=op, ref=ref)
        try:
            S["write_frame"](self.wfd, marshal.dumps(fields))
        except OSError:
            raise ProgramGone("the program ended")
        reply = self.read()
        if not ("value" in reply or "error" in reply):
            raise ProgramGone("the program wrote something else than a reply to the test's pipe")
        if "error" in reply:
            e = reply["error"]
            name, msg = (self.value(e[0]), self.value(e[1])) if type(e) is list and len(e) == 2 else ("?", "?")
            cls = getattr(builtins, str(name), None)
            if not (isinstance(cls, type) and issubclass(cls, Exception)):
                cls = RemoteError
                msg = "%s: %s" % (name, msg)
            raise cls(str(msg))
        return reply


class RemoteError(Exception):
    """An exception of the program's own class (or SystemExit) raised while the test called it."""


class Remote:
    """A handle to an object that lives in the program's process."""
    __slots__ = ("_r1j_link", "_r1j_id")

    def __init__(self, link, i):
        object.__setattr__(self, "_r1j_link", link)
        object.__setattr__(self, "_r1j_id", i)

    def _ask(self, op, **fields):
        link = object.__getattribute__(self, "_r1j_link")
        return link.value(link.ask(op, object.__getattribute__(self, "_r1j_id"), **fields)["value"])

    def __call__(self, *args, **kw):
        link = self._r1j_link
        reply = link.ask("call", self._r1j_id, args=[link.send(a) for a in args], kw={str(k): link.send(a) for k, a in kw.items()})
        for a, new in zip(args, reply.get("after") or ()):
            if new is None or type(a) not in (list, dict, set):
                continue
            new = link.value(new)
            if type(new) is type(a):  # the function changed its argument in place: so does the test's copy
                if type(a) is list:
                    a[:] = new
                else:
                    a.clear()
                    a.update(new)
        return link.value(reply["value"])

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._ask("attr", name=name)

    def __getitem__(self, key):
        return self._ask("item", key=self._r1j_link.send(key))

    def __len__(self):
        n = self._ask("len")
        if type(n) is not int:
            raise TypeError("len() of a program object must be an int")
        return n

    def __iter__(self):
        items = self._ask("list")
        if type(items) is not list:
            raise TypeError("iterating a program object must give plain values")
        return iter(items)

    def __contains__(self, value):
        return bool(self._ask("contains", value=self._r1j_link.send(value)) is True)

    def __bool__(self):
        return self._ask("bool") is True

    def __str__(self):
        s = self._ask("str")
        return s if type(s) is str else "<program object>"

    def __repr__(self):
        s = self._ask("repr")
        return s if type(s) is str else "<program object>"

    def __eq__(self, other):
        if not isinstance(other, Remote):
            return False  # plain test data never equals a program object, whatever its __eq__ says
        return self._ask("eq", other=other._r1j_id) is True

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = object.__hash__


def _drain(fd, cap, keep_tail, box, over):
    data = bytearray()
    total = 0
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        total += len(chunk)
        if total > cap:
            over.set()
            break
        data += chunk
        if keep_tail and len(data) > 16384:
            del data[:-8192]
    box.append(bytes(data[-8192:] if keep_tail else data).decode("utf-8", "replace"))


def assert_job(code, read_snippet, become_program, become_judge, cap, serve):
    """Runs one assert test from a process whose fd 1 is the channel to the sandbox (the worker or the judge's
    JVM): forks the program, becomes the judge, reads the test (only now, so the program's process never held it),
    writes the verdict as one JSON line to fd 1, exits. serve: serve.py's namespace (the program's side)."""
    S.update(serve)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    req_r, req_w = os.pipe()
    rep_r, rep_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            for f in (out_r, err_r, req_w, rep_r):
                os.close(f)
            _program(code, (out_w, err_w, req_r, rep_w), become_program)
        finally:
            os._exit(126)
    for f in (out_w, err_w, req_r, rep_w):
        os.close(f)
    verdict = {"passed": False}
    try:
        become_judge()
        over = threading.Event()
        outs, errs = [], []
        readers = [threading.Thread(target=_drain, args=(out_r, cap, False, outs, over), daemon=True),
                   threading.Thread(target=_drain, args=(err_r, cap, True, errs, over), daemon=True)]
        for t in readers:
            t.start()
        verdict = _judge(read_snippet(), rep_r, req_w)
        os.close(req_w)  # the program's next read ends it
        code = _wait(pid)
        if code is None:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # another user id (namespaces): the worker kills it when this process ends
            code = _wait(pid)
        verdict["exit"] = None if code is None else (128 - code if code < 0 else code)
        for t in readers:
            t.join(0.5)
        verdict["stdout"] = outs[0][:_KEPT] if outs else ""
        verdict["stderr"] = errs[0] if errs else ""
        if over.is_set():
            verdict.update(passed=False, failure="output")
    except BaseException as e:
        verdict = {"passed": False, "failure": "judge", "why": "%s: %s" % (type(e).__name__, e)}
    try:
        sys.stdout.flush()
    except BaseException:
        pass
    _write(1, verdict)
    os._exit(0)


def _wait(pid, seconds=0.3):
    """The child's exit code within a short time, or None if it is still running."""
    end = time.monotonic() + seconds
    while True:
        try:
            done, st = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if done:
            return os.waitstatus_to_exitcode(st)
        if time.monotonic() > end:
            return None
        time.sleep(0.002)


def _judge(snippet, rfd, wfd):
    import io
    link = _Link(rfd, wfd)
    glob = {"__name__": "__main__", "__builtins__": builtins}
    try:
        names = link.value(link.read()["globals"])
        for k, v in names.items():
            glob[str(k)] = v
    except (ProgramGone, KeyError, TypeError, ValueError, AttributeError):
        return {"passed": False, "failure": "gone"}
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        exec(compile(snippet, "test.py", "exec"), glob)
        return {"passed": True}
    except ProgramGone as e:
        return {"passed": False, "failure": "gone", "why": str(e)}
    except AssertionError as e:
        return {"passed": False, "failure": "assert", "why": str(e)[:200]}
    except BaseException as e:
        return {"passed": False, "failure": "error", "why": ("%s: %s" % (type(e).__name__, e))[:300]}
    finally:
        sys.stdout, sys.stderr = saved

