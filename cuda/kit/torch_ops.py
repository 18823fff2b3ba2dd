#!/usr/bin/env python3
"""The PyTorch half of r1j's device kit: the same ops as the Java device check, in the GPU machine's PyTorch.

1. Cross-checks the Java reference: runs PyTorch on a subset of the golden cases (the inputs and expectations the
   cuda module's tests wrote on a CPU machine) and reports max abs/rel errors against the expectations.
2. Times every case of the benchmark plan (bench-plan.json, written by DeviceCheck --plan) with CUDA events after
   warm-up, as the Java side does, in PyTorch eager (the usual training path; backward through autograd).
3. With the Java report (device-check.json), writes comparison.md: r1j's ms per call beside PyTorch's and the
   ratio PyTorch ms / r1j ms (above 1: r1j is faster).

Usage: torch_ops.py --plan bench-plan.json --goldens DIR --out DIR [--java device-check.json] [--reps N]
       [--device cpu --shrink 64]   (a CPU dry run of the script itself with shapes divided by 64)
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F


def read_case(d):
    p = {}
    with open(os.path.join(d, "case.txt")) as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                k, v = line.split("=", 1)
                p[k] = v
    return p


def tensor(d, name, dtype, dev, prefix="in_"):
    """A raw little-endian tensor file (no numpy: PyTorch wheels do not bring it)."""
    with open(os.path.join(d, prefix + name + ".bin"), "rb") as f:
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=dtype).clone().to(dev)


def agreement(got, want, rtol, atol):
    got = got.double().cpu().flatten()
    want = want.double().cpu().flatten()
    diff = (got - want).abs()
    ok = bool(((diff <= atol + rtol * want.abs()) | (got == want)).all())
    nz = want != 0
    rel = (diff[nz] / want[nz].abs()).max().item() if nz.any() else 0.0
    return ok, diff.max().item(), rel


def rms_norm(x, w, eps):
    if hasattr(F, "rms_norm"):
        return F.rms_norm(x, (x.shape[-1],), w, eps)
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def golden_checks(goldens, dev):
    """PyTorch on the goldens of the ops it has a direct equivalent for."""
    rows = []
    for name in sorted(os.listdir(goldens)):
        d = os.path.join(goldens, name)
        if not os.path.isfile(os.path.join(d, "case.txt")):
            continue
        p = read_case(d)
        op = p["op"]
        got = {}
        if op == "rmsnorm_fwd":
            N, C = int(p["N"]), int(p["C"])
            x = tensor(d, "inp", torch.float32, dev).view(N, C)
            w = tensor(d, "w", torch.float32, dev)
            got["out"] = rms_norm(x, w, float(p["eps"]))
        elif op == "swiglu":
            g, u = tensor(d, "gate", torch.float32, dev), tensor(d, "up", torch.float32, dev)
            got["h"] = F.silu(g) * u
            got["sig"] = torch.sigmoid(g)
        elif op == "masked_softmax" and p["hasMask"] == "1":
            B, H, R, S, MB = (int(p[k]) for k in ("B", "H", "R", "S", "MB"))
            att = tensor(d, "att", torch.float32, dev).view(B, H, R, S)
            mask = tensor(d, "mask", torch.float32, dev).view(MB, 1, R, S)
            got["att"] = torch.softmax(att + mask, dim=-1)
        elif op == "logprob":
            M, V = int(p["M"]), int(p["V"])
            z = tensor(d, "logits", torch.float32, dev).view(M, V) * float(p["invT"])
            t = tensor(d, "targets", torch.int32, dev).long()
            lp = torch.log_softmax(z, dim=-1)
            got["logp"] = lp.gather(1, t.view(M, 1)).view(M)
            got["entropy"] = -(lp.exp() * lp).sum(-1)
            got["probs"] = lp.exp()
        elif op == "sum" and p["squares"] == "1":
            x = tensor(d, "x", torch.float32, dev)
            got["out"] = (x.double() ** 2).sum().view(1)
        for out, value in got.items():
            tol = [float(v) for v in p["tol." + out].split(",")]
            dtype = {"f32": torch.float32, "f64": torch.float64, "i32": torch.int32}[p["type." + out]]
            want = tensor(d, out, dtype, "cpu", prefix="expect_")
            ok, ma, mr = agreement(value, want, *tol)
            rows.append({"case": name, "output": out, "ok": ok, "maxAbs": ma, "maxRel": mr})
    return rows


class Timer:
    def __init__(self, dev):
        self.cuda = dev.type == "cuda"

    def ms(self, fn, warmup, reps):
        for _ in range(warmup):
            fn()
        if self.cuda:
            torch.cuda.synchronize()
            s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            s.record()
            for _ in range(reps):
                fn()
            e.record()
            e.synchronize()
            return s.elapsed_time(e) / reps
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        return (time.perf_counter() - t) * 1e3 / reps


def work(b, dev, shrink):
    """A closure doing the PyTorch version of one plan case (sizes divided by `shrink` for CPU dry runs)."""
    s = dict(b["shape"])
    div = lambda k: max(1, int(s[k]) // shrink)
    op = b["op"]
    f32 = torch.float32
    if op in ("gemm", "linear"):
        M, N, K = div("M"), div("N"), div("K")
        dt = torch.bfloat16 if s["dtype"] == "bf16" else f32
        torch.backends.cuda.matmul.allow_tf32 = s["dtype"] == "tf32"
        a = torch.randn(M, K, device=dev, dtype=dt)
        w = torch.randn(N, K, device=dev, dtype=dt) if op == "linear" else torch.randn(K, N, device=dev, dtype=dt)
        if op == "linear":
            return lambda: F.linear(a, w)
        return lambda: a @ w
    if op in ("rmsnorm_fwd", "rmsnorm_bwd"):
        N, C = div("N"), int(s["C"])
        x = torch.randn(N, C, device=dev, requires_grad=op == "rmsnorm_bwd")
        w = torch.rand(C, device=dev, requires_grad=op == "rmsnorm_bwd")
        if op == "rmsnorm_fwd":
            return lambda: rms_norm(x, w, 1e-6)
        y = rms_norm(x, w, 1e-6)
        dy = torch.randn_like(y)
        return lambda: torch.autograd.grad(y, (x, w), dy, retain_graph=True)
    if op in ("swiglu", "swiglu_bwd"):
        n = div("N") * int(s["I"])
        g = torch.randn(n, device=dev, requires_grad=op == "swiglu_bwd")
        u = torch.randn(n, device=dev, requires_grad=op == "swiglu_bwd")
        if op == "swiglu":
            return lambda: F.silu(g) * u
        y = F.silu(g) * u
        dy = torch.randn_like(y)
        return lambda: torch.autograd.grad(y, (g, u), dy, retain_graph=True)
    if op == "rotary":
        rows, hs = div("rows"), int(s["hs"])
        x = torch.randn(rows, hs, device=dev)
        cos, sin = torch.randn(rows, hs, device=dev), torch.randn(rows, hs, device=dev)

        def rot():
            x1, x2 = x[..., : hs // 2], x[..., hs // 2:]
            return x * cos + torch.cat((-x2, x1), dim=-1) * sin
        return rot
    if op == "causal_softmax":
        B, H, T, G = int(s["B"]), int(s["H"]), div("T"), int(s["G"])
        att = torch.randn(B, H, T * G, T, device=dev) * 4
        pos = torch.arange(T * G, device=dev) // G
        mask = torch.where(torch.arange(T, device=dev)[None, :] > pos[:, None], float("-inf"), 0.0).view(1, 1, T * G, T)
        return lambda: torch.softmax(att + mask, dim=-1)
    if op in ("logprob", "logprob_bwd"):
        M, V = div("M"), int(s["V"])
        z = torch.randn(M, V, device=dev, requires_grad=op == "logprob_bwd") * 8
        t = torch.randint(0, V, (M, 1), device=dev)

        def head():
            lp = torch.log_softmax(z, dim=-1)
            return lp.gather(1, t), -(lp.exp() * lp).sum(-1)
        if op == "logprob":
            return lambda: [v.detach() for v in head()]
        chosen, _ = head()
        dy = torch.randn_like(chosen)
        return lambda: torch.autograd.grad(chosen, z, dy, retain_graph=True)
    if op == "adamw":
        n = div("n")
        w = torch.nn.Parameter(torch.randn(n, device=dev))
        w.grad = torch.randn(n, device=dev) * 0.01
        try:
            opt = torch.optim.AdamW([w], lr=3e-4, weight_decay=0.1, fused=dev.type == "cuda")
        except TypeError:   # PyTorch before fused AdamW (the CPU dry run's Debian 1.13)
            opt = torch.optim.AdamW([w], lr=3e-4, weight_decay=0.1)
        return opt.step
    if op == "sumsq":
        x = torch.randn(div("n"), device=dev)
        return lambda: torch.linalg.vector_norm(x)
    if op in ("gather", "scatter_add"):
        N, C, V = div("N"), int(s["C"]), int(s["V"])
        table = torch.randn(V, C, device=dev)
        ids = torch.randint(0, V, (N,), device=dev)
        if op == "gather":
            return lambda: F.embedding(ids, table)
        vals = torch.randn(N, C, device=dev)
        return lambda: table.index_add_(0, ids, vals)
    if op == "sample":
        rows, V = int(s["rows"]), int(s["V"])
        T, P = float(s["temperature"]), float(s["topP"])
        z = torch.randn(rows, V, device=dev) * 8
        gen = torch.Generator(device=dev).manual_seed(1)

        def sample():   # what HF transformers' TopPLogitsWarper + multinomial do
            logits = z / T
            if P < 1:
                sorted_logits, idx = torch.sort(logits, descending=False)
                cum = sorted_logits.softmax(-1).cumsum(-1)
                remove = cum <= (1 - P)
                remove[..., -1:] = False
                logits = logits.masked_fill(remove.scatter(1, idx, remove), float("-inf"))
            probs = torch.softmax(logits, -1)
            return torch.multinomial(probs, 1, generator=gen)
        return sample
    raise ValueError("no PyTorch version of " + op)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plan", required=True)
    ap.add_argument("--goldens")
    ap.add_argument("--out", required=True)
    ap.add_argument("--java")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--shrink", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    dev = torch.device(a.device)
    if dev.type == "cuda" and not torch.cuda.is_available():
        print("torch_ops: PyTorch sees no CUDA device", file=sys.stderr)
        sys.exit(3)
    report = {"torch": torch.__version__, "device": torch.cuda.get_device_name(0) if dev.type == "cuda" else "cpu",
              "cuda": torch.version.cuda, "shrink": a.shrink}
    print(f"torch {torch.__version__} (CUDA {torch.version.cuda}) on {report['device']}")
    if a.goldens:
        report["goldens"] = golden_checks(a.goldens, dev)
        for r in report["goldens"]:
            print(f"  torch vs Java reference {r['case']:34s} {r['output']:8s} {'ok' if r['ok'] else 'DIFFERS'} "
                  f"max abs {r['maxAbs']:.3g} max rel {r['maxRel']:.3g}")
    with open(a.plan) as f:
        plan = json.load(f)
    timer = Timer(dev)
    bench = []
    for b in plan:
        try:
            ms = timer.ms(work(b, dev, a.shrink), 3, a.reps)
            row = {"name": b["name"], "ms": ms}
            if b["bytes"] > 0:
                row["GB/s"] = b["bytes"] / a.shrink / (ms * 1e-3) / 1e9
            if b["flops"] > 0:
                row["TFLOP/s"] = b["flops"] / a.shrink ** 3 / (ms * 1e-3) / 1e12
        except Exception as e:  # one failing case must not hide the others
            row = {"name": b["name"], "error": repr(e)}
        bench.append(row)
        print("  torch", row)
        if dev.type == "cuda":
            torch.cuda.empty_cache()
    report["bench"] = bench
    if dev.type == "cuda":
        report["peak_memory_bytes"] = torch.cuda.max_memory_allocated()
    with open(os.path.join(a.out, "torch-ops.json"), "w") as f:
        json.dump(report, f, indent=2)
    if a.java and os.path.exists(a.java):
        with open(a.java) as f:
            java = json.load(f)
        r1j = {r["name"]: r for r in java.get("bench", [])}
        lines = ["# r1j vs PyTorch on " + report["device"], "",
                 f"PyTorch {report['torch']} eager; r1j device check: {java.get('device', '?')}. "
                 "CUDA events, warm-up 3, mean of the timed calls.", "",
                 "| case | r1j ms | PyTorch ms | PyTorch / r1j |", "| --- | --- | --- | --- |"]
        for t in bench:
            j = r1j.get(t["name"], {})
            jm, tm = j.get("ms"), t.get("ms")
            ratio = f"{tm / jm:.2f}" if jm and tm else ""
            lines.append(f"| {t['name']} | {'' if jm is None else f'{jm:.4f}'} | {'' if tm is None else f'{tm:.4f}'} | {ratio} |")
        with open(os.path.join(a.out, "comparison.md"), "w") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
