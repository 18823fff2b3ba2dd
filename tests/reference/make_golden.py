#!/usr/bin/python3
"""Writes tiny random Qwen2/Llama-layout checkpoints and golden outputs for r1j's Java parity test.

Only torch is needed (Debian: apt-get install python3-torch); no transformers. The forward pass below is a
hand-written copy of Hugging Face's Qwen2/Llama math: RMSNorm, rotate_half RoPE, grouped-query attention with
optional q/k/v bias, SwiGLU MLP, final norm, tied or untied LM head. Everything is computed in float64 from the
float32 weights stored in the checkpoint, so the goldens are exact to f32 precision.

For each case it writes tests/reference/golden/<case>/:
  config.json, model.safetensors   the checkpoint, as transformers' save_pretrained lays it out (f32)
  golden.safetensors               inputs and expected outputs:
    tokens (B,T) I64, prompt_lengths (B) I64, lengths (B) I64   right-padded rows (padding = 0)
    logits (B,T,V)                 logits at every real position (0 at padding)
    logprobs (B,Tc), entropies (B,Tc)   of completion tokens under softmax(logits / temperature)
    loss_weights (B,Tc)            loss = sum(loss_weights * logprobs)
    grad.<tensor name>             d loss / d parameter, for every parameter
  metadata: temperature, loss

Run: /usr/bin/python3 tests/reference/make_golden.py [OUT_DIR]   (deterministic: same files every time;
default OUT_DIR is tests/reference/golden)
"""
import json
import math
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    # Qwen2 layout: q/k/v bias, tied embeddings, grouped-query attention (4 query heads share 2 KV heads)
    "qwen2-tied": dict(model_type="qwen2", vocab_size=61, hidden_size=32, intermediate_size=56, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, rms_norm_eps=1e-6, rope_theta=10000.0,
                       max_position_embeddings=64, tie_word_embeddings=True, attention_bias=True),
    # Llama layout: no bias, separate LM head, multi-query attention (1 KV head), another rope_theta
    "llama-untied": dict(model_type="llama", vocab_size=50, hidden_size=24, intermediate_size=40, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=1, rms_norm_eps=1e-5, rope_theta=500000.0,
                         max_position_embeddings=64, tie_word_embeddings=False, attention_bias=False),
}
TEMPERATURE = 0.7
LENGTHS = [12, 9, 5]
PROMPT_LENGTHS = [4, 3, 1]


def param_shapes(c):
    C, I, V = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    hs = C // c["num_attention_heads"]
    q, kv = c["num_attention_heads"] * hs, c["num_key_value_heads"] * hs
    shapes = {"model.embed_tokens.weight": (V, C)}
    for l in range(c["num_hidden_layers"]):
        p = f"model.layers.{l}."
        shapes[p + "input_layernorm.weight"] = (C,)
        shapes[p + "self_attn.q_proj.weight"] = (q, C)
        shapes[p + "self_attn.k_proj.weight"] = (kv, C)
        shapes[p + "self_attn.v_proj.weight"] = (kv, C)
        if c["attention_bias"]:
            shapes[p + "self_attn.q_proj.bias"] = (q,)
            shapes[p + "self_attn.k_proj.bias"] = (kv,)
            shapes[p + "self_attn.v_proj.bias"] = (kv,)
        shapes[p + "self_attn.o_proj.weight"] = (C, q)
        shapes[p + "post_attention_layernorm.weight"] = (C,)
        shapes[p + "mlp.gate_proj.weight"] = (I, C)
        shapes[p + "mlp.up_proj.weight"] = (I, C)
        shapes[p + "mlp.down_proj.weight"] = (C, I)
    shapes["model.norm.weight"] = (C,)
    if not c["tie_word_embeddings"]:
        shapes["lm_head.weight"] = (V, C)
    return shapes


def random_params(c, gen):
    """Larger than HF's 0.02 init so that logits are far from uniform and every term matters."""
    out = {}
    for name, shape in param_shapes(c).items():
        if name.endswith("norm.weight"):
            t = 1.0 + 0.2 * torch.randn(shape, generator=gen)
        elif name.endswith("bias"):
            t = 0.1 * torch.randn(shape, generator=gen)
        else:
            t = torch.randn(shape, generator=gen) / math.sqrt(shape[1]) * 1.5
        out[name] = t.float()
    return out


def rms_norm(x, w, eps):
    return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def forward(c, p, tokens):
    """Logits (T, V) of one unpadded sequence; p holds float64 tensors by HF name."""
    T = tokens.shape[0]
    C, NH, KV = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"]
    hs = C // NH
    eps = c["rms_norm_eps"]
    inv_freq = 1.0 / (c["rope_theta"] ** (torch.arange(0, hs, 2, dtype=torch.float64) / hs))
    freqs = torch.arange(T, dtype=torch.float64)[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()                                    # (T, hs)
    mask = torch.full((T, T), float("-inf"), dtype=torch.float64).triu(1)
    x = p["model.embed_tokens.weight"][tokens]                         # (T, C)
    for l in range(c["num_hidden_layers"]):
        a = f"model.layers.{l}.self_attn."
        h = rms_norm(x, p[f"model.layers.{l}.input_layernorm.weight"], eps)
        q, k, v = (h @ p[a + n + "_proj.weight"].T + (p[a + n + "_proj.bias"] if c["attention_bias"] else 0)
                   for n in ("q", "k", "v"))
        q = q.view(T, NH, hs).transpose(0, 1)                          # (NH, T, hs)
        k = k.view(T, KV, hs).transpose(0, 1)                          # (KV, T, hs)
        v = v.view(T, KV, hs).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(NH // KV, dim=0)                       # HF repeat_kv: head h uses kv head h // G
        v = v.repeat_interleave(NH // KV, dim=0)
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(hs) + mask, dim=-1)
        y = (att @ v).transpose(0, 1).reshape(T, C)
        x = x + y @ p[a + "o_proj.weight"].T
        m = f"model.layers.{l}.mlp."
        h = rms_norm(x, p[f"model.layers.{l}.post_attention_layernorm.weight"], eps)
        gate = torch.nn.functional.silu(h @ p[m + "gate_proj.weight"].T)
        x = x + (gate * (h @ p[m + "up_proj.weight"].T)) @ p[m + "down_proj.weight"].T
    x = rms_norm(x, p["model.norm.weight"], eps)
    head = p["model.embed_tokens.weight"] if c["tie_word_embeddings"] else p["lm_head.weight"]
    return x @ head.T


DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        t = t.contiguous()
        data = t.numpy().tobytes() if hasattr(t, "numpy") else bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def hf_config(c):
    arch = "Qwen2ForCausalLM" if c["model_type"] == "qwen2" else "LlamaForCausalLM"
    out = dict(architectures=[arch], hidden_act="silu", torch_dtype="float32", use_cache=True, **c)
    if c["model_type"] == "qwen2":
        del out["attention_bias"]                                      # Qwen2 always has q/k/v bias
    return out


def make_case(name, c, seed, root):
    gen = torch.Generator().manual_seed(seed)
    params = random_params(c, gen)
    B, T, V = len(LENGTHS), max(LENGTHS), c["vocab_size"]
    tokens = torch.zeros((B, T), dtype=torch.int64)
    for b, n in enumerate(LENGTHS):
        tokens[b, :n] = torch.randint(1, V, (n,), generator=gen)
    tc = max(n - pl for n, pl in zip(LENGTHS, PROMPT_LENGTHS))
    weights = torch.zeros((B, tc), dtype=torch.float64)
    for b, (n, pl) in enumerate(zip(LENGTHS, PROMPT_LENGTHS)):
        weights[b, : n - pl] = torch.randn(n - pl, generator=gen, dtype=torch.float64)

    p64 = {k: v.double().requires_grad_(True) for k, v in params.items()}
    logits = torch.zeros((B, T, V), dtype=torch.float64)
    logprobs = torch.zeros((B, tc), dtype=torch.float64)
    entropies = torch.zeros((B, tc), dtype=torch.float64)
    loss = torch.zeros((), dtype=torch.float64)
    for b, (n, pl) in enumerate(zip(LENGTHS, PROMPT_LENGTHS)):
        lg = forward(c, p64, tokens[b, :n])                            # (n, V)
        logits[b, :n] = lg.detach()
        lp = torch.log_softmax(lg[pl - 1 : n - 1] / TEMPERATURE, dim=-1)  # predicts tokens pl..n-1
        tok_lp = lp.gather(1, tokens[b, pl:n, None])[:, 0]
        logprobs[b, : n - pl] = tok_lp.detach()
        entropies[b, : n - pl] = -(lp.exp() * lp).sum(-1).detach()
        loss = loss + (weights[b, : n - pl] * tok_lp).sum()
    loss.backward()

    out_dir = os.path.join(root, name)
    os.makedirs(out_dir, exist_ok=True)
    write_safetensors(os.path.join(out_dir, "model.safetensors"), params, {"format": "pt"})
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(hf_config(c), f, indent=2)
        f.write("\n")
    golden = {
        "tokens": tokens, "prompt_lengths": torch.tensor(PROMPT_LENGTHS), "lengths": torch.tensor(LENGTHS),
        "logits": logits.float(), "logprobs": logprobs.float(), "entropies": entropies.float(),
        "loss_weights": weights.float(),
    }
    for k, v in p64.items():
        golden["grad." + k] = v.grad.float()
    write_safetensors(os.path.join(out_dir, "golden.safetensors"), golden,
                      {"temperature": TEMPERATURE, "loss": repr(loss.item()), "torch": torch.__version__})
    print(f"{name}: {sum(v.numel() for v in params.values())} parameters, loss {loss.item():.6f} -> {out_dir}")


if __name__ == "__main__":
    import sys
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "golden")   # a test regenerates into a temp dir
    torch.manual_seed(0)
    for i, (name, cfg) in enumerate(CASES.items()):
        make_case(name, cfg, seed=1234 + i, root=root)
