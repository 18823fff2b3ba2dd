# r1j assert tests, the program's side (see asserts.py for the judge's): runs the program as __main__, then answers
# the judge's requests on fd 3 (in) and fd 4 (out) until the judge is done. Run as a fresh interpreter where the
# sandbox has namespaces (python -I -S -c serve.py --serve CODE), or exec'd into the runner's fork without them.
# Only built-in modules: this runs once per assert test, and importing json (which imports re) would cost more than
# the rest. Frames are 4-byte lengths and a payload. Requests are marshal data (the judge is trusted); replies are
# JSON written here by hand, every string of the program's hex-encoded, so the judge parses them with json alone.
import builtins, marshal, os, sys

MAX_FRAME = 1 << 20
MAX_DEPTH = 64


class ProgramGone(Exception):
    """The other side ended or broke the protocol."""


def read_frame(fd):
    head = _read_exactly(fd, 4)
    n = int.from_bytes(head, "big")
    if n > MAX_FRAME:
        raise ProgramGone("a message over %d KB" % (MAX_FRAME >> 10))
    return _read_exactly(fd, n)


def _read_exactly(fd, n):
    data = b""
    while len(data) < n:
        chunk = os.read(fd, n - len(data))
        if not chunk:
            raise ProgramGone("the program ended")
        data += chunk
    return data


def write_frame(fd, data):
    data = len(data).to_bytes(4, "big") + data
    while data:
        data = data[os.write(fd, data):]


def tag(v, ref, text, depth=0):
    """Plain data as a tagged tree (dicts of one tag); anything else, or too deep, through ref(v). With text, every
    string becomes {"u": hex of its UTF-8}, so the tree can be written as JSON without escaping."""
    t = type(v)
    if v is None or t is bool:
        return v
    if t is str:
        return {"u": v.encode("utf-8", "surrogatepass").hex()} if text else v
    if t is int:
        return v if -(1 << 53) < v < (1 << 53) else {"X": hex(v)}
    if t is float:
        return {"F": repr(v)}
    if depth < MAX_DEPTH:
        if t is list or t is tuple:
            return {"l" if t is list else "t": [tag(x, ref, text, depth + 1) for x in v]}
        if t is set or t is frozenset:
            return {"s" if t is set else "f": [tag(x, ref, text, depth + 1) for x in v]}
        if t is dict:
            return {"d": [[tag(k, ref, text, depth + 1), tag(x, ref, text, depth + 1)] for k, x in v.items()]}
        if t is bytes:
            return {"b": v.hex()}
        if t is complex:
            return {"c": [repr(v.real), repr(v.imag)]}
    return ref(v)


def untag(j, deref, depth=0):
    """A tagged tree back into values; {"r": i} through deref(i)."""
    if j is None or type(j) in (bool, str, int):
        return j
    if depth > MAX_DEPTH + 1 or type(j) is not dict or len(j) != 1:
        raise ProgramGone("malformed value")
    (t, x), = j.items()
    d = lambda y: untag(y, deref, depth + 1)
    if t == "u":
        return bytes.fromhex(x).decode("utf-8", "surrogatepass")
    if t == "X":
        return int(x, 16)
    if t == "F":
        return float(x)
    if t == "l":
        return [d(y) for y in x]
    if t == "t":
        return tuple(d(y) for y in x)
    if t == "s":
        return {d(y) for y in x}
    if t == "f":
        return frozenset(d(y) for y in x)
    if t == "d":
        return {d(k): d(y) for k, y in x}
    if t == "b":
        return bytes.fromhex(x)
    if t == "c":
        return complex(float(x[0]), float(x[1]))
    if t == "r":
        return deref(x)
    raise ProgramGone("malformed value")


def to_json(o):
    """JSON of a tagged tree with text=True: its strings are tags and ASCII payloads only."""
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    t = type(o)
    if t is int:
        return str(o)
    if t is str:
        return '"' + o + '"'
    if t is list:
        return "[" + ",".join(to_json(x) for x in o) + "]"
    return "{" + ",".join('"' + k + '":' + to_json(x) for k, x in o.items()) + "}"


def serve(glob, rfd, wfd):
    refs = []

    def ref(v):
        refs.append(v)
        return {"r": len(refs) - 1}

    def deref(i):
        if type(i) is not int or not 0 <= i < len(refs):
            raise ValueError("no such handle")
        return refs[i]

    def reply(obj):
        write_frame(wfd, to_json(obj).encode("ascii"))

    names = {k: v for k, v in list(glob.items()) if type(k) is str and not k.startswith("__")}
    reply({"globals": tag(names, ref, True)})
    while True:
        req = marshal.loads(read_frame(rfd))
        try:
            op, obj = req["op"], deref(req["ref"])
            after = None
            if op == "call":
                args = [untag(a, deref) for a in req["args"]]
                kw = {k: untag(a, deref) for k, a in req["kw"].items()}
                v = obj(*args, **kw)
                after = [tag(a, ref, True) if type(a) in (list, dict, set) else None for a in args]
            elif op == "attr":
                v = getattr(obj, req["name"])
            elif op == "item":
                v = obj[untag(req["key"], deref)]
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
                v = untag(req["value"], deref) in obj
            elif op == "eq":
                v = obj == deref(req["other"])
                v = v if type(v) is bool else bool(v)
            else:
                raise ValueError("unknown request")
            out = {"value": tag(v, ref, True)}
            if after is not None:
                out["after"] = after
        except BaseException as e:  # the program's exception travels back; so does SystemExit from its code
            out = {"error": [tag(type(e).__name__, ref, True), tag(str(e)[:500], ref, True)]}
        reply(out)


def run_and_serve(code):
    """Runs the program as __main__, then serves the judge on fds 3 and 4 until it is done; exits."""
    status = 0
    try:
        sys.argv = ["main.py"]
        sys.stdin = open(os.devnull)
        glob = {"__name__": "__main__", "__builtins__": builtins}
        exec(compile(code, "main.py", "exec"), glob)
        sys.stdout.flush()
        serve(glob, 3, 4)
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


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"]:
    run_and_serve(sys.argv[2])
