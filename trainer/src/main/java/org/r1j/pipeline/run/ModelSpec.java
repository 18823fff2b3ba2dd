package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r1j.model.DecoderModel;
import org.r1j.model.ModelPresets;
import org.r1j.model.io.Checkpoint;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.tokenize.CharTokenizer;

/**
 * Where a pipeline's first model comes from: a saved model directory, or a fresh random model of a preset size
 * with a character tokenizer (printable ASCII, the R1 tags as single tokens, plus the characters the task needs).
 *
 * @param path   a model directory (config.json, safetensors, tokenizer.json), or null
 * @param preset "tiny" or "small" when starting from random weights (used when path is null)
 * @param seed   seeds the random initialisation
 */
public record ModelSpec(Path path, String preset, long seed) {
    public ModelSpec {
        if (path == null && (preset == null || preset.isBlank())) {
            throw new IllegalArgumentException("model needs either a path or a preset (tiny, small)");
        }
    }

    public static ModelSpec load(Path dir) {
        return new ModelSpec(dir, null, 0);
    }

    public static ModelSpec random(String preset, long seed) {
        return new ModelSpec(null, preset, seed);
    }

    /** Loads or creates the model; {@code extraCharacters} extend a fresh character tokenizer's alphabet. */
    public LoadedModel open(String extraCharacters) {
        if (path != null) return Checkpoint.load(path);
        CharTokenizer tok = charTokenizer(extraCharacters);
        return new LoadedModel(DecoderModel.random(ModelPresets.byName(preset, tok.vocabSize()), seed), tok);
    }

    /** Printable ASCII and newline, then each extra character once. */
    static CharTokenizer charTokenizer(String extraCharacters) {
        List<String> alphabet = new ArrayList<>();
        alphabet.add("\n");
        for (char c = ' '; c <= '~'; c++) alphabet.add(String.valueOf(c));
        extraCharacters.codePoints().distinct().filter(cp -> cp > '~').forEach(cp -> alphabet.add(Character.toString(cp)));
        return new CharTokenizer(CharTokenizer.DEFAULT_SPECIALS, alphabet);
    }
}
