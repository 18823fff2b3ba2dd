#!/usr/bin/env python3
"""Trains a tiny byte-level BPE tokenizer (the Qwen2 / GPT-2 layout: ByteLevel pre-tokenizer and decoder, ChatML
special tokens) with Hugging Face's Python `tokenizers` (pip install tokenizers) and records how that library
encodes some texts, so the Java HfTokenizer (DJL's Rust bindings) is checked against the reference implementation.
Writes trainer/src/test/resources/org/r1j/model/tokenize/bytebpe/{tokenizer.json, tokenizer_config.json, expected.json}.
"""
import json
import os
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "trainer", "src", "test", "resources", "org", "r1j", "model", "tokenize", "bytebpe")
CORPUS = [
    "The quick brown fox jumps over the lazy dog. " * 3,
    "<think>Let me add 12 and 30: 12 + 30 = 42.</think><answer>42</answer>",
    "def f(x):\n    return x * x\n",
    "Reinforcement learning from verifiable rewards, group relative policy optimisation.",
    "数学 推理 答案 2+2=4 ✓",
]
TEXTS = ["Hello world!", "<|im_start|>user\nWhat is 12 + 30?<|im_end|>\n<|im_start|>assistant\n",
         "<think>12 + 30 = 42</think> <answer>42</answer>", "数学推理 🙂 café", "  leading and trailing spaces  ", ""]

tok = Tokenizer(models.BPE())
tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
tok.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
tok.train_from_iterator(CORPUS * 5, trainer)
os.makedirs(OUT, exist_ok=True)
tok.save(os.path.join(OUT, "tokenizer.json"))
with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
    json.dump({"tokenizer_class": "PreTrainedTokenizerFast", "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"}, f)
expected = [{"text": t, "ids": tok.encode(t, add_special_tokens=False).ids} for t in TEXTS]
for e in expected:
    e["decoded_skip_special"] = tok.decode(e["ids"], skip_special_tokens=True)
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({"tokenizers_version": __import__("tokenizers").__version__, "vocab_size": tok.get_vocab_size(),
               "cases": expected}, f, ensure_ascii=False, indent=1)
print("wrote", os.path.normpath(OUT), "vocab", tok.get_vocab_size())
