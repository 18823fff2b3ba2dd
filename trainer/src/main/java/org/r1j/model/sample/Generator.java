package org.r1j.model.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.r1j.model.CausalLM;
import org.r1j.model.KvCache;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.tokenize.Tokenizer;

/**
 * Batched generation with the model's KV cache: prompts are left-padded to a common length, prefilled once, then
 * decoded one token per row per step until every row has stopped (EOS / stop token, a stop string, or
 * {@code maxNewTokens}).
 *
 * <p><b>Reproducibility.</b> Row (prompt i, sample j) draws from its own random stream seeded by
 * {@code (seed, i, j)}, one draw per token, so its output does not depend on which other rows share its batch or on
 * {@link #maxBatchRows}; {@link #numberedFrom} shifts i, so a slice of a prompt list generated on its own (one Spark
 * partition) draws the same streams as inside the whole list. What can differ between batch compositions is the model's float arithmetic (a different
 * padded length or batch size may change logits in the last bits); that changes a sampled token only when a draw
 * lands within that rounding of a probability boundary, and never changes greedy output in practice. Same seed,
 * same model, same prompts, same batch layout: bit-identical output.
 *
 * <p><b>Vocabulary.</b> When the model's vocab_size exceeds the tokenizer's (Qwen pads its embedding matrix), ids the
 * tokenizer cannot decode are never sampled: their logits are masked before choosing, and log-probs are those of
 * the masked distribution (identical to the model's when, as after training, those ids carry no mass).
 *
 * <p><b>Stop strings.</b> The completion's text is checked after every token; when a stop string appears, the row
 * finishes with STOP, its text is cut right after the stop string, and its tokens end with the token that completed
 * it (so text, tokens and log-probs stay consistent).
 */
public final class Generator {
    private final CausalLM model;
    private final Tokenizer tokenizer;
    private final int[] stopTokens;
    private final int maxBatchRows;
    private final int firstPrompt;

    /** Stops on the tokenizer's EOS and the model config's eos_token_id; at most 64 rows per batch. */
    public Generator(CausalLM model, Tokenizer tokenizer) {
        this(model, tokenizer, defaultStops(model, tokenizer), 64, 0);
    }

    private Generator(CausalLM model, Tokenizer tokenizer, int[] stopTokens, int maxBatchRows, int firstPrompt) {
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model's vocab_size is "
                    + model.config().vocabSize());
        }
        if (maxBatchRows < 1) throw new IllegalArgumentException("maxBatchRows must be >= 1, got " + maxBatchRows);
        this.model = model;
        this.tokenizer = tokenizer;
        this.stopTokens = stopTokens;
        this.maxBatchRows = maxBatchRows;
        this.firstPrompt = firstPrompt;
    }

    /** The same generator with at most {@code rows} sequences per model batch (memory vs. throughput). */
    public Generator withMaxBatchRows(int rows) {
        return new Generator(model, tokenizer, stopTokens, rows, firstPrompt);
    }

    /** The same generator that also stops on these token ids (e.g. Qwen's {@code <|im_end|>}). */
    public Generator withStopTokens(int... ids) {
        int[] all = Arrays.copyOf(stopTokens, stopTokens.length + ids.length);
        System.arraycopy(ids, 0, all, stopTokens.length, ids.length);
        return new Generator(model, tokenizer, Arrays.stream(all).distinct().toArray(), maxBatchRows, firstPrompt);
    }

    /**
     * The same generator that numbers prompts from {@code first}: prompt i of a call draws the random streams of prompt
     * {@code first + i}. Generating prompts [a, b) of a list through {@code numberedFrom(a)} gives what the whole list
     * gives them (bit for bit when a × n is a multiple of {@link #maxBatchRows}, so the batches are the same too).
     */
    public Generator numberedFrom(int first) {
        if (first < 0) throw new IllegalArgumentException("first prompt number must be >= 0, got " + first);
        return new Generator(model, tokenizer, stopTokens, maxBatchRows, first);
    }

    public int maxBatchRows() {
        return maxBatchRows;
    }

    /** {@code n} completions for each prompt text: result[i] holds prompt i's samples in order. */
    public List<List<Generation>> generate(List<String> prompts, int n, SamplingParams params) {
        List<int[]> ids = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            int[] t = tokenizer.encode(prompts.get(i));
            if (t.length == 0) throw new IllegalArgumentException("prompt " + i + " encodes to no tokens; give at least one character");
            ids.add(t);
        }
        return generateTokens(ids, n, params);
    }

    /** {@code n} completions for each tokenised prompt: result[i] holds prompt i's samples in order. */
    public List<List<Generation>> generateTokens(List<int[]> prompts, int n, SamplingParams params) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        int maxPositions = model.config().maxPositionEmbeddings();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            int[] prompt = prompts.get(i);
            if (prompt.length == 0) throw new IllegalArgumentException("prompt " + i + " has no tokens");
            if (prompt.length + params.maxNewTokens() > maxPositions) {
                throw new IllegalArgumentException("prompt " + i + " (" + prompt.length + " tokens) + max_new_tokens "
                        + params.maxNewTokens() + " exceeds the model's max_position_embeddings " + maxPositions);
            }
            for (int v : prompt) {
                if (v < 0 || v >= model.config().vocabSize()) throw new IllegalArgumentException("prompt " + i + " has token id " + v + " outside the vocabulary");
            }
            for (int j = 0; j < n; j++) rows.add(new Row(i, prompt, new SplittableRandom(rowSeed(params.seed(), firstPrompt + i, j))));
        }
        for (int start = 0; start < rows.size(); start += maxBatchRows) {
            runBatch(rows.subList(start, Math.min(rows.size(), start + maxBatchRows)), params);
        }
        List<List<Generation>> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) out.add(new ArrayList<>(n));
        for (Row r : rows) out.get(r.promptIndex).add(r.result(tokenizer));
        return out;
    }

    private void runBatch(List<Row> rows, SamplingParams params) {
        int b = rows.size();
        int p = rows.stream().mapToInt(r -> r.prompt.length).max().orElseThrow();
        int[][] padded = new int[b][p];
        int[] lengths = new int[b];
        for (int r = 0; r < b; r++) {
            int[] prompt = rows.get(r).prompt;
            Arrays.fill(padded[r], tokenizer.padId());
            System.arraycopy(prompt, 0, padded[r], p - prompt.length, prompt.length);
            lengths[r] = prompt.length;
        }
        try (KvCache cache = model.newCache(b, p + params.maxNewTokens())) {
            Tensor logits = model.prefill(cache, padded, lengths);
            int[] next = new int[b];
            for (int step = 0; step < params.maxNewTokens(); step++) {
                TokenChooser.Choice[] chosen = choose(logits, rows, params);
                logits.close();                                  // chosen; free the backend's logits now
                boolean anyActive = false;
                for (int r = 0; r < b; r++) {
                    Row row = rows.get(r);
                    if (row.finish == null) row.accept(chosen[r], params, stopTokens, tokenizer);
                    next[r] = row.finish == null ? row.lastToken() : tokenizer.padId();
                    anyActive |= row.finish == null;
                }
                if (!anyActive || step == params.maxNewTokens() - 1) break;   // no logits wanted past the last token
                logits = model.decode(cache, next);
            }
        }
    }

    /**
     * Each active row's next token (null for finished rows): on the model's backend ({@link Backend#chooseTokens}, one
     * draw per active row from its own stream, none when greedy), or, with a repetition penalty, which needs each row's
     * history, on host copies of the logits.
     */
    private TokenChooser.Choice[] choose(Tensor logits, List<Row> rows, SamplingParams params) {
        int b = rows.size();
        TokenChooser.Choice[] out = new TokenChooser.Choice[b];
        if (params.repetitionPenalty() == 1) {
            double[] draws = new double[b];
            for (int r = 0; r < b; r++) {
                Row row = rows.get(r);
                if (row.finish == null && params.temperature() != 0) draws[r] = row.rng.nextDouble();
            }
            TokenChooser.Choice[] all = model.backend().chooseTokens(logits, tokenizer.vocabSize(), params, draws);
            for (int r = 0; r < b; r++) if (rows.get(r).finish == null) out[r] = all[r];
            return out;
        }
        float[][] rowLogits = rows(logits, b);
        for (int r = 0; r < b; r++) {
            Row row = rows.get(r);
            if (row.finish != null) continue;
            float[] l = rowLogits[r];
            if (l.length > tokenizer.vocabSize()) Arrays.fill(l, tokenizer.vocabSize(), l.length, Float.NEGATIVE_INFINITY);
            TokenChooser.penalise(l, row.prompt, row.prompt.length, params.repetitionPenalty());
            row.penaliseOwn(l, params.repetitionPenalty());
            out[r] = TokenChooser.choose(l, params, row.rng);
        }
        return out;
    }

    /** (B, V) logits as B float rows: one bulk host copy (a per-row copy, ND4J's toFloatMatrix, was ~10 ms per step at B=16, V=103). */
    private static float[][] rows(Tensor logits, int b) {
        float[] flat = logits.toFloats();
        int v = flat.length / b;
        if (logits.rank() != 2 || logits.size(0) != b || (long) v * b != flat.length) {
            throw new IllegalStateException("the model returned logits of shape " + Arrays.toString(logits.shape()) + ", expected (" + b + ", V)");
        }
        float[][] out = new float[b][];
        for (int r = 0; r < b; r++) out[r] = Arrays.copyOfRange(flat, r * v, (r + 1) * v);
        return out;
    }

    private static int[] defaultStops(CausalLM model, Tokenizer tokenizer) {
        int cfgEos = model.config().eosTokenId();
        return cfgEos >= 0 && cfgEos != tokenizer.eosId() ? new int[] {tokenizer.eosId(), cfgEos} : new int[] {tokenizer.eosId()};
    }

    /** SplitMix64-style mixing of (seed, prompt, sample) into a row seed. */
    static long rowSeed(long seed, int prompt, int sample) {
        long z = seed * 0x9E3779B97F4A7C15L + prompt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + sample;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One sequence being generated. */
    private static final class Row {
        final int promptIndex;
        final int[] prompt;
        final SplittableRandom rng;
        int[] tokens = new int[16];
        float[] logprobs = new float[16];
        int count;
        String stoppedText;
        FinishReason finish;

        Row(int promptIndex, int[] prompt, SplittableRandom rng) {
            this.promptIndex = promptIndex;
            this.prompt = prompt;
            this.rng = rng;
        }

        int lastToken() {
            return tokens[count - 1];
        }

        /** Repetition penalty for completion tokens not already penalised as prompt tokens. */
        void penaliseOwn(float[] logits, double penalty) {
            int[] fresh = new int[count];
            int n = 0;
            outer:
            for (int i = 0; i < count; i++) {
                for (int q : prompt) if (q == tokens[i]) continue outer;
                fresh[n++] = tokens[i];
            }
            TokenChooser.penalise(logits, fresh, n, penalty);
        }

        void accept(TokenChooser.Choice c, SamplingParams params, int[] stopTokens, Tokenizer tok) {
            if (count == tokens.length) {
                tokens = Arrays.copyOf(tokens, count * 2);
                logprobs = Arrays.copyOf(logprobs, count * 2);
            }
            tokens[count] = c.token();
            logprobs[count] = c.logprob();
            count++;
            for (int s : stopTokens) {
                if (c.token() == s) {
                    finish = FinishReason.STOP;
                    return;
                }
            }
            if (!params.stopStrings().isEmpty()) {
                String text = tok.decode(Arrays.copyOf(tokens, count), true);
                int cut = -1;
                for (String stop : params.stopStrings()) {
                    int at = stop.isEmpty() ? -1 : text.indexOf(stop);
                    if (at >= 0 && (cut < 0 || at + stop.length() < cut)) cut = at + stop.length();
                }
                if (cut >= 0) {
                    stoppedText = text.substring(0, cut);
                    finish = FinishReason.STOP;
                    return;
                }
            }
            if (count >= params.maxNewTokens()) finish = FinishReason.LENGTH;
        }

        Generation result(Tokenizer tok) {
            int[] t = Arrays.copyOf(tokens, count);
            String text = stoppedText != null ? stoppedText : tok.decode(t, true);
            return new Generation(prompt.clone(), t, text, Arrays.copyOf(logprobs, count), finish);
        }
    }
}
