/**
 * <h2>language_ratio: how words are found and judged</h2>
 *
 * <p>DeepSeek-R1 adds a language-consistency reward: the proportion of target-language words in the chain of
 * thought. The paper does not say what a word is or how its language is decided; r1j defines both as follows
 * ({@link org.r1j.dsl.lib.lang.LanguageRatio#ratio(String, String)}).
 *
 * <ol>
 * <li><b>Non-prose is removed first.</b> Fenced code ({@code ```…```}) and inline code ({@code `…`}); LaTeX math
 *     ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}, {@code \begin{env}…\end{env}}); any other LaTeX
 *     command ({@code \frac}, {@code \textbf}); URLs. An opening mark without its closing mark is kept as text.</li>
 * <li><b>Words.</b> Each Han, Hiragana or Katakana code point is one word (these scripts do not put spaces between
 *     words, and a character is the unit readers count). In every other script a word is a maximal run of letters
 *     and combining marks, with apostrophes between letters kept ({@code don't}, {@code l'équation}); hyphens and
 *     other punctuation split words. Runs containing a digit ({@code 42}, {@code x2}, {@code 3rd}) are dropped, and
 *     so are single Latin or Greek letters (variables: x, n, α; English "a" and "I" go with them). Single Cyrillic
 *     letters stay (и, в, с are words). Dropped tokens count for nothing: neither target nor other.</li>
 * <li><b>Across scripts.</b> A word's Unicode script limits which supported languages it can be in: Latin → en,
 *     de, fr, es, it, pt, nl; Cyrillic → ru, uk; Han → zh, ja; Hiragana and Katakana → ja; Hangul → ko; Arabic → ar;
 *     Greek → el; Hebrew → he; Devanagari → hi. A word in a script none of these uses is never in the target.</li>
 * <li><b>Within one script.</b> A word's own evidence narrows its candidates: letters peculiar to some languages
 *     (ä ö ü ß → de; ñ → es; ã õ → pt; é è ç … → the Romance languages that use them; ы э ъ ё → ru; і ї є ґ → uk)
 *     and membership in each language's short function-word list ("the", "und", "est", "que", "что" …). A word
 *     left with one candidate is decided, and counts as evidence for its sentence (sentences end at . ! ? 。 ！ ？
 *     and line breaks). A still-ambiguous word — a content word such as "derivative" or "Summe", a word in several
 *     lists such as "in", or a Han character — takes the candidate with the most evidence in its sentence, else in
 *     the whole text. With no evidence at all a Han character is Chinese (Japanese text virtually always has kana)
 *     and any other word is in the target when the target is a candidate. Ties favour the target.</li>
 * <li><b>Ratio.</b> {@code targetWords / words}; NaN ("unknown") when no words remain.</li>
 * </ol>
 *
 * <p>Why not a statistical detector: Optimaize's language-detector (4 MB, 33 µs per call) and Lingua classify
 * whole texts from character n-grams and abstain or guess on single words, while this reward needs a decision
 * per word; the sentence-evidence rule above gives per-word labels that follow the language of the surrounding
 * sentence, with no model files. Its limits: a sentence with no function word and no peculiar letter falls back
 * to the whole text's evidence; loanwords with accents (café) count for the languages using those accents; Han
 * characters in a Japanese sentence count as Japanese, not Chinese.
 */
package org.r1j.dsl.lib.lang;
