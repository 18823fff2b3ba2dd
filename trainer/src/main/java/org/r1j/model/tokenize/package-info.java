/**
 * Text ↔ token ids: {@link org.r1j.model.tokenize.CharTokenizer} (built-in, character level, saved as an
 * HF-compatible tokenizer.json), {@link org.r1j.model.tokenize.HfTokenizer} (any tokenizer.json through DJL's
 * Rust bindings), {@link org.r1j.model.tokenize.TokenizerFiles#load} (picks one for a model directory) and
 * {@link org.r1j.model.tokenize.ChatTemplate} (Qwen ChatML, Llama 3).
 */
package org.r1j.model.tokenize;
