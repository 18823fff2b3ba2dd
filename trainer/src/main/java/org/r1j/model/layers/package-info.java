/**
 * The decoder's layers, one class each, llm.c style: a static {@code forward} writing into caller-owned outputs
 * and caches, and next to it a {@code backward} that accumulates (+=) into parameter gradients. Size letters
 * (B, T, S, C, V, NH, KVH, G, hs, I, QKV, N) are defined in {@link org.r1j.model}. Every op is an ND4J op, so the
 * same code runs on nd4j-native and nd4j-cuda.
 */
package org.r1j.model.layers;
