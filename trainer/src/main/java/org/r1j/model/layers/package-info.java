/**
 * The decoder's layers that are composed of {@link org.r1j.model.backend.Backend} ops, one class each, llm.c style:
 * a static {@code forward} writing into caller-owned outputs and caches, and next to it a {@code backward} that
 * accumulates (+=) into parameter gradients, on the backend's {@link org.r1j.model.backend.Tensor}s ({@code Linear},
 * {@code Attention}, {@code CausalAttention}; {@code Rotary} owns the rotary tables). The element-wise layers
 * (embedding, RMSNorm, rotary's rotation, SwiGLU, the log-prob head) are single backend ops; their math is documented
 * with their readable reference code in {@code org.r1j.model.backend.nd4j}. Size letters (B, T, S, C, V, NH, KVH, G,
 * hs, I, QKV, N) are defined in {@link org.r1j.model}.
 */
package org.r1j.model.layers;
