package org.r1j.model.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A character-level tokenizer for tiny models on synthetic tasks: one token per Unicode code point of a fixed
 * alphabet, plus explicit special tokens matched as whole strings before splitting into characters.
 *
 * <p>Ids: the special tokens first (in the given order), then the alphabet. Control tokens ({@link #PAD},
 * {@link #EOS}, {@link #UNK}, and whatever EOS/padding are) are dropped by {@code decode(ids, true)}; every other
 * special token — the R1 markers {@code <think>} … {@code </answer>} — is kept in decoded text, as Hugging Face
 * keeps Qwen's and DeepSeek-R1's {@code <think>} (an added token, not a special one), because reward programs and
 * stop strings read them. It is saved as a Hugging Face
 * {@code tokenizer.json} (a BPE model with no merges, specials as added tokens with {@code special} set for the
 * control tokens only, the {@code Fuse} decoder),
 * so HF tooling and {@link HfTokenizer} encode and decode it identically; r1j reads that layout back as a
 * {@code CharTokenizer} without natives. Characters outside the alphabet encode as {@code <unk>}, as HF does.
 */
public final class CharTokenizer implements Tokenizer {
    public static final String PAD = "<pad>";
    public static final String EOS = "<eos>";
    public static final String UNK = "<unk>";
    /** Specials of the default tokenizer: padding, end, unknown, and the R1 reasoning/answer markers. */
    public static final List<String> DEFAULT_SPECIALS =
            List.of(PAD, EOS, UNK, "<think>", "</think>", "<answer>", "</answer>");

    private final String[] tokens;                       // id -> text
    private final Map<Integer, Integer> charIds;         // code point -> id
    private final Map<String, Integer> specialIds;       // special text -> id
    private final List<String> specialsLongestFirst;     // for greedy matching in encode
    private final boolean[] control;                     // id -> dropped by decode(ids, true)
    private final int eos;
    private final int pad;
    private final int unk;

    /**
     * @param specials special tokens, matched whole (must include {@link #EOS}; {@link #PAD} and {@link #UNK} are
     *                 optional); PAD, EOS and UNK are control tokens, the others markers kept in decoded text
     * @param alphabet the characters, each a single code point, no duplicates
     */
    public CharTokenizer(List<String> specials, List<String> alphabet) {
        this(specials, alphabet, EOS, specials.contains(PAD) ? PAD : EOS, java.util.Set.of(PAD, EOS, UNK));
    }

    private CharTokenizer(List<String> specials, List<String> alphabet, String eosToken, String padToken,
                          java.util.Set<String> controlTokens) {
        List<String> all = new ArrayList<>(specials);
        all.addAll(alphabet);
        tokens = all.toArray(String[]::new);
        specialIds = new LinkedHashMap<>();
        for (int i = 0; i < specials.size(); i++) {
            if (specials.get(i).isEmpty()) throw new TokenizerException("special tokens must not be empty");
            if (specialIds.put(specials.get(i), i) != null) throw new TokenizerException("duplicate special token " + specials.get(i));
        }
        charIds = new HashMap<>();
        for (int i = 0; i < alphabet.size(); i++) {
            String c = alphabet.get(i);
            if (c.codePointCount(0, c.length()) != 1) {
                throw new TokenizerException("alphabet entry '" + c + "' is not a single character");
            }
            if (charIds.put(c.codePointAt(0), specials.size() + i) != null) {
                throw new TokenizerException("duplicate character '" + c + "' in the alphabet");
            }
        }
        specialsLongestFirst = new ArrayList<>(specials);
        specialsLongestFirst.sort(Comparator.comparingInt(String::length).reversed());
        eos = idOf(eosToken, "eos");
        pad = idOf(padToken, "pad");
        unk = specialIds.getOrDefault(UNK, -1);
        control = new boolean[tokens.length];
        for (String c : controlTokens) if (specialIds.containsKey(c)) control[specialIds.get(c)] = true;
        control[eos] = true;
        control[pad] = true;
    }

    /** Default specials; alphabet = printable ASCII (space to '~') and newline. */
    public static CharTokenizer ascii() {
        List<String> alphabet = new ArrayList<>();
        alphabet.add("\n");
        for (char c = ' '; c <= '~'; c++) alphabet.add(String.valueOf(c));
        return new CharTokenizer(DEFAULT_SPECIALS, alphabet);
    }

    private int idOf(String token, String role) {
        Integer id = specialIds.get(token);
        if (id == null) throw new TokenizerException(role + " token " + token + " is not among the special tokens " + specialIds.keySet());
        return id;
    }

    @Override
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>(text.length());
        int i = 0;
        outer:
        while (i < text.length()) {
            for (String s : specialsLongestFirst) {
                if (text.startsWith(s, i)) {
                    out.add(specialIds.get(s));
                    i += s.length();
                    continue outer;
                }
            }
            int cp = text.codePointAt(i);
            Integer id = charIds.get(cp);
            if (id == null) {
                if (unk < 0) {
                    throw new TokenizerException("character '" + new String(Character.toChars(cp)) + "' at offset " + i
                            + " is not in the tokenizer's alphabet and there is no " + UNK + " token");
                }
                id = unk;
            }
            out.add(id);
            i += Character.charCount(cp);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id < 0 || id >= tokens.length) throw new TokenizerException("token id " + id + " is outside the vocabulary (0.." + (tokens.length - 1) + ")");
            if (skipSpecial && control[id]) continue;
            sb.append(tokens[id]);
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return tokens.length;
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
        Integer id = specialIds.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The text of token {@code id} (a character or a special token). */
    public String token(int id) {
        return tokens[id];
    }

    @Override
    public void save(Path dir) {
        TokenizerJsonWriter.write(dir, toJson(), configJson());
    }

    // --- the Hugging Face layout -----------------------------------------------------------------------------

    /** tokenizer.json: BPE without merges (so every character is a token), specials as added tokens. */
    ObjectNode toJson() {
        ObjectNode root = TokenizerFiles.JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        specialIds.forEach((text, id) -> added.addObject().put("id", id).put("content", text).put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", control[id]));
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        if (unk >= 0) model.put("unk_token", UNK);
        else model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.length; id++) vocab.put(tokens[id], id);
        model.putArray("merges");
        return root;
    }

    private ObjectNode configJson() {
        ObjectNode c = TokenizerFiles.JSON.createObjectNode();
        c.put("tokenizer_class", "PreTrainedTokenizerFast");
        c.put("eos_token", tokens[eos]);
        c.put("pad_token", tokens[pad]);
        if (unk >= 0) c.put("unk_token", UNK);
        c.put("clean_up_tokenization_spaces", false);
        c.put("model_max_length", 1 << 20);
        return c;
    }

    /** True for the layout {@link #toJson()} writes: BPE, no merges, every vocabulary entry a special or one character. */
    static boolean isCharLayout(JsonNode json) {
        JsonNode model = json.path("model");
        if (!model.path("type").asText().equals("BPE") || !model.path("merges").isArray() || !model.path("merges").isEmpty()) {
            return false;
        }
        if (!json.path("decoder").path("type").asText().equals("Fuse") || !json.path("normalizer").isNull()
                || !json.path("pre_tokenizer").isNull()) {
            return false;
        }
        java.util.Set<String> specials = new java.util.HashSet<>();
        json.path("added_tokens").forEach(t -> specials.add(t.path("content").asText()));
        var it = model.path("vocab").fieldNames();
        while (it.hasNext()) {
            String t = it.next();
            if (!specials.contains(t) && t.codePointCount(0, t.length()) != 1) return false;
        }
        return true;
    }

    static CharTokenizer fromJson(JsonNode json, JsonNode config, Path file) {
        Map<Integer, String> byId = new HashMap<>();
        json.path("model").path("vocab").fields().forEachRemaining(e -> byId.put(e.getValue().asInt(), e.getKey()));
        java.util.Set<String> specialSet = new java.util.HashSet<>();
        java.util.Set<String> controlSet = new java.util.HashSet<>();
        json.path("added_tokens").forEach(t -> {
            specialSet.add(t.path("content").asText());
            if (t.path("special").asBoolean(false)) controlSet.add(t.path("content").asText());
        });
        List<String> specials = new ArrayList<>();
        List<String> alphabet = new ArrayList<>();
        for (int id = 0; id < byId.size(); id++) {
            String t = byId.get(id);
            if (t == null) throw new TokenizerException(file + ": vocabulary ids are not contiguous (no token has id " + id + ")");
            if (specialSet.contains(t)) {
                if (!alphabet.isEmpty()) throw new TokenizerException(file + ": special token " + t + " after the alphabet; r1j's char layout puts specials first");
                specials.add(t);
            } else {
                alphabet.add(t);
            }
        }
        String eosToken = TokenizerFiles.tokenName(config, "eos_token");
        String padToken = TokenizerFiles.tokenName(config, "pad_token");
        if (eosToken == null) eosToken = EOS;
        if (padToken == null) padToken = specials.contains(PAD) ? PAD : eosToken;
        try {
            return new CharTokenizer(specials, alphabet, eosToken, padToken, controlSet);
        } catch (TokenizerException e) {
            throw new TokenizerException(file + ": " + e.getMessage());
        }
    }
}
