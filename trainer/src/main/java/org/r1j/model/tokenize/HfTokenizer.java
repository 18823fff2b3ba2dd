package org.r1j.model.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizer.json} run by the Rust {@code tokenizers} library through DJL (natives are in
 * the DJL jar and extracted once to DJL's cache, see {@link DjlNatives}). Encoding adds no BOS/EOS and does not
 * truncate or pad; {@code decode(ids, true)} drops tokens marked {@code special} (HF semantics) and keeps other
 * added tokens such as DeepSeek-R1's {@code <think>}. {@link #specialId} knows every added token; EOS/padding (from
 * {@code tokenizer_config.json}, falling back to {@code <|endoftext|>}, {@code </s>}, {@code <eos>}) are read
 * from the JSON with Jackson, since DJL does not expose them.
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final Map<String, Integer> specials;
    private final int vocabSize;
    private final int eos;
    private final int pad;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path file, Map<String, Integer> specials, int vocabSize, int eos, int pad) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.specials = specials;
        this.vocabSize = vocabSize;
        this.eos = eos;
        this.pad = pad;
    }

    /** Loads {@code tokenizer.json} (and tokenizer_config.json beside it, if any). */
    public static HfTokenizer load(Path tokenizerJson) {
        return load(tokenizerJson, TokenizerFiles.readJson(tokenizerJson), TokenizerFiles.readConfig(tokenizerJson.getParent()));
    }

    static HfTokenizer load(Path file, JsonNode json, JsonNode config) {
        Map<String, Integer> added = new HashMap<>();               // special or not, e.g. <|im_end|> and <think>
        int maxId = -1;
        for (JsonNode t : json.path("added_tokens")) {
            int id = t.path("id").asInt();
            maxId = Math.max(maxId, id);
            added.put(t.path("content").asText(), id);
        }
        JsonNode vocab = json.path("model").path("vocab");
        if (vocab.isObject()) {
            for (JsonNode id : vocab) maxId = Math.max(maxId, id.asInt());
        } else if (vocab.isArray()) {                      // Unigram: [[piece, score], ...]
            maxId = Math.max(maxId, vocab.size() - 1);
        }
        if (maxId < 0) throw new TokenizerException(file + ": no vocabulary (model.vocab and added_tokens are empty)");
        int eos = resolve(file, config, "eos_token", added, vocab, "<|endoftext|>", "</s>", "<eos>", "<|end_of_text|>");
        Integer padId = lookup(TokenizerFiles.tokenName(config, "pad_token"), added, vocab);
        DjlNatives.prepare();
        try {
            HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new HfTokenizer(tok, file, added, maxId + 1, eos, padId == null ? eos : padId);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new TokenizerException(file + ": the Hugging Face tokenizers library could not load it: " + e.getMessage(), e);
        }
    }

    private static int resolve(Path file, JsonNode config, String field, Map<String, Integer> added, JsonNode vocab, String... fallbacks) {
        String name = TokenizerFiles.tokenName(config, field);
        if (name != null) {
            Integer id = lookup(name, added, vocab);
            if (id == null) throw new TokenizerException(file + ": " + field + " '" + name + "' from tokenizer_config.json is not in the vocabulary");
            return id;
        }
        for (String f : fallbacks) {
            Integer id = lookup(f, added, vocab);
            if (id != null) return id;
        }
        throw new TokenizerException(file + ": cannot tell the EOS token: tokenizer_config.json has no " + field
                + " and none of " + String.join(", ", fallbacks) + " is in the vocabulary");
    }

    private static Integer lookup(String token, Map<String, Integer> added, JsonNode vocab) {
        if (token == null) return null;
        if (added.containsKey(token)) return added.get(token);
        return vocab.isObject() && vocab.has(token) ? vocab.get(token).asInt() : null;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = (int) ids[i];
        return out;
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) throw new TokenizerException("token id " + ids[i] + " is outside the vocabulary (0.." + (vocabSize - 1) + ")");
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecial);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int eosId() {
        return eos;
    }

    @Override
    public int padId() {
        return pad;
    }

    @Override
    public OptionalInt specialId(String token) {
        Integer id = specials.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Copies the source tokenizer.json (and tokenizer_config.json, when present) into {@code dir}. */
    @Override
    public void save(Path dir) {
        if (dir.toAbsolutePath().normalize().equals(file.toAbsolutePath().getParent().normalize())) return;
        TokenizerJsonWriter.copy(file, dir, TokenizerFiles.TOKENIZER_JSON);
        Path cfg = file.resolveSibling(TokenizerFiles.TOKENIZER_CONFIG_JSON);
        if (Files.isRegularFile(cfg)) TokenizerJsonWriter.copy(cfg, dir, TokenizerFiles.TOKENIZER_CONFIG_JSON);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
