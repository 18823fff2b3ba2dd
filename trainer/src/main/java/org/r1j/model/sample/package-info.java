/**
 * Generation: {@link org.r1j.model.sample.Generator} runs batched, KV-cached, seeded sampling over a
 * {@link org.r1j.model.CausalLM}; {@link org.r1j.model.sample.TokenChooser} picks one token from one row of logits
 * (greedy, temperature, top-k, top-p). Sizes: B rows per batch, P padded prompt length, V vocabulary.
 */
package org.r1j.model.sample;
