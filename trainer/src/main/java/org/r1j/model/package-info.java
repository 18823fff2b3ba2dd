/**
 * The decoder-only language model (Qwen2/Llama family) with an explicit backward pass, on the tensors of one
 * {@link org.r1j.model.backend.Backend} (ND4J or SIMD kernels on the CPU today).
 *
 * <p>Size letters used in shape comments throughout {@code org.r1j.model} and {@code org.r1j.model.layers}:
 * B = batch rows, T = sequence length (queries), S = key length (T in training, the cache length when decoding),
 * C = hidden size, V = vocabulary, L = layers, NH = query heads, KVH = key/value heads, G = NH / KVH (queries per
 * key/value head), hs = head size (C / NH), I = MLP intermediate size, QKV = (NH + 2 KVH) hs, N = B T (flattened
 * rows). Gradients start with {@code d}; backward passes accumulate (+=) into parameter gradients.
 */
package org.r1j.model;
