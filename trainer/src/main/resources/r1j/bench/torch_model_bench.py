#!/usr/bin/env python3
"""PyTorch side of `r1j bench model`: the same Qwen2-style decoder and the same work as ModelBench.java.

Training: steps of forward + backward + AdamW on random tokens (loss = mean NLL of every next token).
Generation: greedy, batched, with a preallocated KV cache. Prints one JSON line with the results.
Run by the Java bench with /usr/bin/python3 (env R1J_PYTHON), once per thread setting (--threads is torch's; the
OpenBLAS under torch takes its count from OMP_NUM_THREADS / OPENBLAS_NUM_THREADS, set by the bench).
On a GPU (the device kit, cuda/README.md): --device cuda times with torch.cuda.synchronize() before every clock
read and reports torch.cuda.max_memory_allocated() as peak_device_bytes; --matmul-precision picks FP32 ("highest",
PyTorch's default) or TF32 ("high") matrix products, and --autocast bf16 runs forward passes under
torch.autocast(dtype=torch.bfloat16) (bf16 matrix products, f32 weights and AdamW).
Standalone: python3 torch_model_bench.py --help
"""
import argparse
import ctypes
import json
import math
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, c, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(c))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class Layer(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.nh, self.kvh, self.hs = a.heads, a.kv_heads, a.hidden // a.heads
        self.input_layernorm = RMSNorm(a.hidden, 1e-6)
        self.q_proj = nn.Linear(a.hidden, self.nh * self.hs, bias=True)
        self.k_proj = nn.Linear(a.hidden, self.kvh * self.hs, bias=True)
        self.v_proj = nn.Linear(a.hidden, self.kvh * self.hs, bias=True)
        self.o_proj = nn.Linear(self.nh * self.hs, a.hidden, bias=False)
        self.post_attention_layernorm = RMSNorm(a.hidden, 1e-6)
        self.gate_proj = nn.Linear(a.hidden, a.inter, bias=False)
        self.up_proj = nn.Linear(a.hidden, a.inter, bias=False)
        self.down_proj = nn.Linear(a.inter, a.hidden, bias=False)

    def forward(self, x, cos, sin, mask, cache=None, start=0):
        B, T, _ = x.shape
        h = self.input_layernorm(x)
        q = self.q_proj(h).view(B, T, self.nh, self.hs).transpose(1, 2)
        k = self.k_proj(h).view(B, T, self.kvh, self.hs).transpose(1, 2)
        v = self.v_proj(h).view(B, T, self.kvh, self.hs).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if cache is not None:
            ck, cv = cache
            ck[:, :, start:start + T] = k
            cv[:, :, start:start + T] = v
            k, v = ck[:, :, :start + T], cv[:, :, :start + T]
        G = self.nh // self.kvh
        qg = q.reshape(B, self.kvh, G * T, self.hs)  # GQA without repeating k/v, as the Java side
        att = (qg @ k.transpose(-1, -2)) / math.sqrt(self.hs) + mask
        att = att.softmax(-1)
        y = (att @ v).reshape(B, self.nh, T, self.hs).transpose(1, 2).reshape(B, T, -1)
        x = x + self.o_proj(y)
        h = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))


class Model(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.embed_tokens = nn.Embedding(a.vocab, a.hidden)
        self.layers = nn.ModuleList([Layer(a) for _ in range(a.layers)])
        self.norm = RMSNorm(a.hidden, 1e-6)
        hs = a.hidden // a.heads
        inv = 1.0 / (10000.0 ** (torch.arange(0, hs, 2).float() / hs))
        ang = torch.outer(torch.arange(a.max_pos).float(), inv)
        emb = torch.cat((ang, ang), dim=-1)
        self.register_buffer("cos", emb.cos(), persistent=False)
        self.register_buffer("sin", emb.sin(), persistent=False)
        for p in self.parameters():
            if p.dim() == 2:
                nn.init.normal_(p, std=0.02)
            elif p.dim() == 1 and p is not None:
                pass
        for layer in self.layers:
            for lin in (layer.q_proj, layer.k_proj, layer.v_proj):
                nn.init.zeros_(lin.bias)

    def forward(self, tokens, start=0, caches=None):
        B, T = tokens.shape
        G = self.a.heads // self.a.kv_heads
        S = start + T
        dev = tokens.device
        pos = torch.arange(start, S, device=dev)
        cos, sin = self.cos[pos][None, None], self.sin[pos][None, None]
        # -inf as on the Java side, where it was the faster mask (a user measured PyTorch at 5,531 generated tokens/s
        # with it vs 3,823 with -1e9; on the 2-vCPU dev machine the two were within noise, ~2,000-2,700 each); row i
        # sees keys 0..start+i, so no row is all -inf and softmax stays finite
        causal = torch.full((T, S), float("-inf"), device=dev).triu(start + 1)
        mask = causal.repeat(G, 1)[None, None]
        x = self.embed_tokens(tokens)
        for i, layer in enumerate(self.layers):
            x = layer(x, cos, sin, mask, None if caches is None else caches[i], start)
        return self.norm(x) @ self.embed_tokens.weight.t()  # tied LM head


def blas_threads():
    """OpenBLAS's own thread count (torch.set_num_threads does not set it), or None where it cannot be asked."""
    try:
        return ctypes.CDLL("libopenblas.so.0").openblas_get_num_threads()  # the copy torch already loaded
    except (OSError, AttributeError):
        return None


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--vocab", type=int, default=512)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--inter", type=int, default=688)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--kv-heads", type=int, default=4)
    p.add_argument("--max-pos", type=int, default=1024)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--train-steps", type=int, default=3)
    p.add_argument("--gen-batch", type=int, default=16)
    p.add_argument("--prompt-len", type=int, default=32)
    p.add_argument("--new-tokens", type=int, default=128)
    p.add_argument("--warmup-tokens", type=int, default=4)
    p.add_argument("--gen-repeats", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", default="cpu", help="cpu, or cuda (a GPU: synchronised timing, peak device memory)")
    p.add_argument("--matmul-precision", default="highest", choices=["highest", "high"],
                   help="torch.set_float32_matmul_precision: highest = FP32 products, high = TF32 on a GPU")
    p.add_argument("--autocast", default="off", choices=["off", "bf16"],
                   help="bf16: forward passes under torch.autocast(dtype=torch.bfloat16)")
    a = p.parse_args()
    dev = torch.device(a.device)
    cuda = dev.type == "cuda"
    torch.set_num_threads(a.threads)
    torch.set_float32_matmul_precision(a.matmul_precision)
    torch.manual_seed(a.seed)
    model = Model(a).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    tokens = torch.randint(0, a.vocab, (a.batch, a.seq)).to(dev)
    if cuda:
        torch.cuda.reset_peak_memory_stats(dev)

    def autocast():
        return torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=a.autocast == "bf16")

    def clock():
        """Wall seconds once the device has finished the work queued so far."""
        if cuda:
            torch.cuda.synchronize(dev)
        return time.perf_counter()

    def train_step():
        opt.zero_grad(set_to_none=False)
        with autocast():
            logits = model(tokens)[:, :-1]
            logp = logits.float().log_softmax(-1).gather(-1, tokens[:, 1:, None])
            loss = -logp.mean()
        loss.backward()
        opt.step()
        return loss.detach()  # not the graph: it would live on into the next step

    loss = train_step()
    t0, c0 = clock(), time.process_time()
    step_best_ms = float("inf")
    for _ in range(a.train_steps):
        ts = clock()
        loss = train_step()
        step_best_ms = min(step_best_ms, (clock() - ts) * 1000)
    step_ms = (clock() - t0) * 1000 / a.train_steps
    step_cpu_ms = (time.process_time() - c0) * 1000 / a.train_steps

    hs = a.hidden // a.heads

    @torch.no_grad()
    def generate(new_tokens):
        prompts = torch.randint(0, a.vocab, (a.gen_batch, a.prompt_len)).to(dev)
        cap = a.prompt_len + new_tokens
        caches = [(torch.zeros(a.gen_batch, a.kv_heads, cap, hs, device=dev),
                   torch.zeros(a.gen_batch, a.kv_heads, cap, hs, device=dev))
                  for _ in range(a.layers)]
        with autocast():
            logits = model(prompts, 0, caches)[:, -1]
            pos = a.prompt_len
            for i in range(new_tokens):
                nxt = logits.argmax(-1)
                if i + 1 < new_tokens:
                    logits = model(nxt[:, None], pos, caches)[:, -1]
                    pos += 1
        return logits.float()

    generate(a.warmup_tokens)
    g0, gc0 = clock(), time.process_time()
    gen_best_ms = float("inf")
    for _ in range(a.gen_repeats):
        gs = clock()
        logits = generate(a.new_tokens)
        gen_best_ms = min(gen_best_ms, (clock() - gs) * 1000)
    gen_ms = (clock() - g0) * 1000 / a.gen_repeats
    gen_cpu_ms = (time.process_time() - gc0) * 1000 / a.gen_repeats
    # a NaN from a fully masked row (or anything else) would make the timings meaningless, so fail loudly
    if not (torch.isfinite(loss).item() and torch.isfinite(logits).all().item()):
        raise SystemExit("non-finite loss or logits: loss %s, %d non-finite logits"
                         % (loss.item(), (~torch.isfinite(logits)).sum().item()))
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas_threads": blas_threads(),
        "train_step_ms": step_ms,
        "train_step_cpu_ms": step_cpu_ms,
        "train_step_best_ms": step_best_ms,
        "train_tokens_per_s": a.batch * a.seq / (step_ms / 1000),
        "gen_ms": gen_ms,
        "gen_cpu_ms": gen_cpu_ms,
        "gen_best_ms": gen_best_ms,
        "gen_tokens_per_s": a.gen_batch * a.new_tokens / (gen_ms / 1000),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "device": str(dev) if not cuda else torch.cuda.get_device_name(dev),
        "matmul_precision": a.matmul_precision,
        "autocast": a.autocast,
        "peak_device_bytes": torch.cuda.max_memory_allocated(dev) if cuda else None,
    }))


if __name__ == "__main__":
    main()
