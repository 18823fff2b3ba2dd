# r1j assert tests (exec'd by worker.py and runner.py; defines assert_job). The verdict of an assert test must not be
# forgeable by the program, and a program can do anything its own process can (walk frames, read its memory, write
# to any fd it holds). So the test snippet never runs in the program's process: the program runs in a child, as its
# own user id where the sandbox has namespaces, and serves calls over a pipe; the snippet runs here, in the judge
# process, where every name the program defined is a proxy. What crosses the pipe is data (numbers, text, lists,
# tuples, dicts, sets, bytes, None) or a handle to an object that stays in the program; nothing the program sends
# is ever run. The judge writes its verdict as one JSON line on its own stdout, which the program's process never
# holds. Comparing a handle with plain data is False, so an object whose __eq__ always says yes passes nothing.
import builtins, json, os, signal, sys, threading, time

_MAX_LINE = 1 << 20
_MAX_DEPTH = 64
_KEPT = 65536  # program output kept in the verdict (for explanations only)


class ProgramGone(Exception):
    """The program's side ended or broke the protocol while the test was using it."""


class _Lines:
    def __init__(self, fd):
        self.fd, self.buf = fd, b""

    def read(self):
        while b"\n" not in self.buf:
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise ProgramGone("the program ended")
            self.buf += chunk
            if len(self.buf) > _MAX_LINE:
                raise ProgramGone("a reply over %d KB" % (_MAX_LINE >> 10))
        line, _, self.buf = self.buf.partition(b"\n")
        return json.loads(line)


def _write(fd, obj):
    data = (json.dumps(obj, separators=(",", ":")) + "\n").encode()
    while data:
        data = data[os.write(fd, data):]


def _encode(v, ref, depth=0):
    """Plain data as tagged JSON; anything else (or too deep) through ref(v), which returns a handle's JSON."""
    t = type(v)
    if v is None or t is bool or t is str:
        return v
    if t is int:
        return v if -(1 << 53) < v < (1 << 53) else {"I": str(v)}
    if t is float:
        return {"F": repr(v)}
    if depth < _MAX_DEPTH:
        if t is list:
            return {"l": [_encode(x, ref, depth + 1) for x in v]}
        if t is tuple:
            return {"t": [_encode(x, ref, depth + 1) for x in v]}
        if t is set or t is frozenset:
            return {"s" if t is set else "f": [_encode(x, ref, depth + 1) for x in v]}
        if t is dict:
            return {"d": [[_encode(k, ref, depth + 1), _encode(x, ref, depth + 1)] for k, x in v.items()]}
        if t is bytes:
            return {"b": v.hex()}
        if t is complex:
            return {"c": [repr(v.real), repr(v.imag)]}
    return ref(v)


def _decode(j, deref, depth=0):
    if j is None or isinstance(j, (bool, str, int)):
        return j
    if depth > _MAX_DEPTH + 1 or not isinstance(j, dict) or len(j) != 1:
        raise ProgramGone("malformed value")
    (tag, x), = j.items()
    d = lambda y: _decode(y, deref, depth + 1)
    if tag == "I":
        return int(x)
    if tag == "F":
        return float(x)
    if tag == "l":
        return [d(y) for y in x]
    if tag == "t":
        return tuple(d(y) for y in x)
    if tag == "s":
        return {d(y) for y in x}
    if tag == "f":
        return frozenset(d(y) for y in x)
    if tag == "d":
        return {d(k): d(y) for k, y in x}
    if tag == "b":
        return bytes.fromhex(x)
    if tag == "c":
        return complex(float(x[0]), float(x[1]))
    if tag == "r":
        return deref(x)
    raise ProgramGone("malformed value")


# ---- the program's side: runs the program, then answers the judge's requests ----

def _serve(glob, rfd, wfd):
    refs = []

    def ref(v):
        refs.append(v)
        return {"r": len(refs) - 1}

    def deref(i):
        if type(i) is not int or not 0 <= i < len(refs):
            raise ValueError("no such handle")
        return refs[i]

    names = {k: _encode(v, ref) for k, v in list(glob.items()) if type(k) is str and not k.startswith("__")}
    _write(wfd, {"globals": names})
    lines = _Lines(rfd)
    while True:
        req = lines.read()
        try:
            op, obj = req["op"], deref(req["ref"])
            after = None
            if op == "call":
                args = [_decode(a, deref) for a in req["args"]]
                kw = {k: _decode(a, deref) for k, a in req["kw"].items()}
                v = obj(*args, **kw)
                after = [_encode(a, ref) if type(a) in (list, dict, set) else None for a in args]
            elif op == "attr":
                v = getattr(obj, req["name"])
            elif op == "item":
                v = obj[_decode(req["key"], deref)]
            elif op == "len":
                v = len(obj)
            elif op == "list":
                v = list(obj)
            elif op == "bool":
                v = bool(obj)
            elif op == "str":
                v = str(obj)
            elif op == "repr":
                v = repr(obj)
            elif op == "contains":
                v = _decode(req["value"], deref) in obj
            elif op == "eq":
                v = obj == deref(req["other"])
                v = v if type(v) is bool else bool(v)
            else:
                raise ValueError("unknown request")
            reply = {"value": _encode(v, ref)}
            if after is not None:
                reply["after"] = after
        except BaseException as e:  # the program's exception travels back; so does SystemExit from its code
            reply = {"error": [type(e).__name__, str(e)[:500]]}
        _write(wfd, reply)


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
    _run_and_serve(code)


def _run_and_serve(code):
    """Runs the program as __main__, then answers the judge on fds 3 and 4 until it is done; exits."""
    status = 0
    try:
        sys.argv = ["main.py"]
        sys.stdin = open(os.devnull)
        glob = {"__name__": "__main__", "__builtins__": builtins}
        exec(compile(code, "main.py", "exec"), glob)
        sys.stdout.flush()
        _serve(glob, 3, 4)
    except ProgramGone:
        status = 0  # the judge is done with us
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            print(e.code, file=sys.stderr)
    except BaseException:
        import traceback
        traceback.print_exc()
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        status = status or 1
    os._exit(status & 0xFF)


# ---- the judge's side: runs the snippet against proxies of the program's names ----

class _Link:
    def __init__(self, rfd, wfd):
        self.lines, self.wfd, self.proxies = _Lines(rfd), wfd, {}

    def value(self, j):
        return _decode(j, self.proxy)

    def proxy(self, i):
        p = self.proxies.get(i)
        if p is None:
            p = self.proxies[i] = Remote(self, i)
        return p

    def send(self, v):
        if isinstance(v, Remote):
            return {"r": v._r1j_id}
        return _encode(v, self._refuse)

    @staticmethod
    def _refuse(v):
        raise TypeError("a test can pass the program only plain data or the program's own objects, not %s" % type(v).__name__)

    def ask(self, op, ref, **fields):
        fields.update(op=op, ref=ref)
        try:
            _write(self.wfd, fields)
        except OSError:
            raise ProgramGone("the program ended")
        reply = self.lines.read()
        if not isinstance(reply, dict) or not ("value" in reply or "error" in reply):
            raise ProgramGone("the program wrote something else than a reply to the test's pipe")
        if "error" in reply:
            name, msg = reply["error"] if isinstance(reply["error"], list) and len(reply["error"]) == 2 else ("?", "?")
            cls = getattr(builtins, str(name), None)
            if not (isinstance(cls, type) and issubclass(cls, Exception)):
                cls = RemoteError
                msg = "%s: %s" % (name, msg)
            raise cls(msg)
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


def assert_job(code, read_snippet, become_program, become_judge, cap):
    """Runs one assert test from a process whose fd 1 is the channel to the sandbox (the worker or the judge's
    JVM): forks the program, becomes the judge, reads the test (only now, so the program's process never held it),
    writes the verdict as one JSON line to fd 1, exits."""
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
    try:
        first = link.lines.read()
        names = first["globals"]
    except (ProgramGone, KeyError, TypeError, ValueError):
        return {"passed": False, "failure": "gone"}
    glob = {"__name__": "__main__", "__builtins__": builtins}
    try:
        for k, v in names.items():
            glob[str(k)] = link.value(v)
    except (ProgramGone, ValueError, TypeError, AttributeError):
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


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"]:
    # the program's side as a fresh interpreter (python -c asserts.py --serve CODE), fds 0-4 already in place:
    # a fork of the sandbox worker would carry the worker's memory, which has held earlier tests
    _run_and_serve(sys.argv[2])
