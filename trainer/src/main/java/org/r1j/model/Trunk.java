package org.r1j.model;

import org.r1j.model.backend.Tensor;

/**
 * The activations of embedding + layers + final norm over a (B, T) block of tokens.
 *
 * @param tokens    (N) int token ids (padding replaced by 0)
 * @param cos       (N, NH + 2 KVH, hs) rotary tables per token and head (Rotary.headTables)
 * @param sin       likewise
 * @param layers    per-layer saved activations (null entries when not training)
 * @param xL        (N, C) output of the last layer
 * @param xf        (N, C) after the final norm
 * @param rstdf     (N, 1) final norm's 1/rms
 */
record Trunk(int B, int T, Tensor tokens, Tensor cos, Tensor sin, DecoderBlock.Saved[] layers,
             Tensor xL, Tensor xf, Tensor rstdf) {
}
