package org.r1j.dsl.lib.lang;

/**
 * One counted word.
 *
 * @param text     lower-cased letters (one code point for Han, Hiragana and Katakana)
 * @param script   its Unicode script
 * @param sentence index of the sentence it belongs to (sentences end at . ! ? 。 ！ ？ and line breaks)
 */
record Word(String text, Character.UnicodeScript script, int sentence) {}
