/**
 * {@code r1j bench model}: training (forward + backward + AdamW) and batched KV-cache generation tokens/s and
 * memory of the ND4J decoder, and the same work in PyTorch ({@code r1j/bench/torch_model_bench.py}, run with
 * {@code /usr/bin/python3} or {@code R1J_PYTHON}) in the same invocation at several thread settings
 * ({@code --torch-threads}), with the ratio r1j/PyTorch against the best setting of each measure.
 * {@code --profile} prints r1j's time per section (thread CPU and wall).
 */
package org.r1j.model.bench;
