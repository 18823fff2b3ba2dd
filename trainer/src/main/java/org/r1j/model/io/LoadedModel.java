package org.r1j.model.io;

import org.r1j.model.DecoderModel;
import org.r1j.model.tokenize.Tokenizer;

/** A model directory's contents: the model (its config inside) and its tokenizer. */
public record LoadedModel(DecoderModel model, Tokenizer tokenizer) {
}
