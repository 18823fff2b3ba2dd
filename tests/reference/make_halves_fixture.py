#!/usr/bin/python3
"""Writes trainer/src/test/resources/org/r1j/model/io/hf-halves.safetensors with the official `safetensors`
library (pip install safetensors; torch from Debian): bf16 and f16 tensors plus their exact f32 values as torch
converts them, so the Java reader is checked against files written by Hugging Face's own code.
Run: python3 tests/reference/make_halves_fixture.py   (needs safetensors + torch; the output is committed)
"""
import os
import torch
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "trainer", "src", "test", "resources", "org", "r1j", "model", "io", "hf-halves.safetensors")

g = torch.Generator().manual_seed(7)
x = torch.cat([torch.randn(3, 7, generator=g) * 3, torch.tensor([[0.0, -0.0, 1e-6, 65504.0, -1e-8, 7e4, float("inf")]])])
bf16, f16 = x.to(torch.bfloat16), x.to(torch.float16)
save_file({"model.embed_tokens.weight": bf16, "f16": f16, "bf16_as_f32": bf16.float(), "f16_as_f32": f16.float()},
          OUT, metadata={"format": "pt"})
print("wrote", os.path.normpath(OUT))
