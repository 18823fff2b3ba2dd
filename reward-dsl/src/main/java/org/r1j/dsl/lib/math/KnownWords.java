package org.r1j.dsl.lib.math;

import java.util.Locale;
import java.util.Set;

/**
 * The words an answer with math in it may carry and still be read as its math: units (dropped), currency, and
 * the few connecting words answers are written with. Any other word next to a number means the answer is not
 * just that number ({@code AZYUK2A} is not 2): the answer is then not understood, so not equal. Answers made only
 * of words compare as words.
 */
final class KnownWords {
    private KnownWords() {}

    /** Units and their plurals, lower case; "%" and "°" are symbols and handled by the lexer. */
    static final Set<String> UNITS = Set.of(
            "mm", "cm", "dm", "m", "km", "meter", "meters", "metre", "metres", "millimeter", "millimeters",
            "centimeter", "centimeters", "centimetre", "centimetres", "kilometer", "kilometers", "kilometre",
            "kilometres", "in", "inch", "inches", "ft", "foot", "feet", "yd", "yard", "yards", "mi", "mile", "miles",
            "mg", "g", "kg", "gram", "grams", "kilogram", "kilograms", "milligram", "milligrams", "t", "ton", "tons",
            "tonne", "tonnes", "oz", "ounce", "ounces", "lb", "lbs", "pound", "pounds",
            "ml", "l", "liter", "liters", "litre", "litres", "milliliter", "milliliters", "gallon", "gallons", "cc",
            "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
            "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "ms",
            "mph", "kmh", "kph", "rpm", "hz", "khz", "mhz",
            "deg", "degree", "degrees", "rad", "radian", "radians", "percent", "percentage",
            "dollar", "dollars", "cent", "cents", "euro", "euros", "yuan", "yen", "rupee", "rupees", "usd", "eur",
            "unit", "units", "sq", "square", "cubic", "per",
            "st", "nd", "rd", "th");

    /** Words that join or introduce an answer ("x = 1 or x = 2", "the answer is 5"). */
    static final Set<String> CONNECTIVES = Set.of("or", "and", "is", "are", "the", "answer", "final", "thus",
            "so", "hence", "therefore", "equals", "approximately", "about", "only", "solution", "solutions",
            "value", "values", "total", "of", "a", "an", "no", "where", "when", "for", "all", "real", "any");

    /** Nouns that follow a count in competition answers ("5 ways", "12 people"). */
    static final Set<String> COUNTED = Set.of("way", "ways", "time", "times", "people", "person", "persons",
            "student", "students", "number", "numbers", "integer", "integers", "pair", "pairs", "point", "points",
            "step", "steps", "move", "moves", "digit", "digits", "game", "games", "item", "items", "piece", "pieces");

    /** Whether the word may stand next to an answer's math; compound units ("km/h", "m^2") word by word. */
    static boolean allowed(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (UNITS.contains(w) || CONNECTIVES.contains(w) || COUNTED.contains(w)) return true;
        String[] parts = w.split("[/^*·]");
        if (parts.length < 2) return false;
        for (String part : parts) {
            if (!part.isEmpty() && !UNITS.contains(part) && !part.chars().allMatch(Character::isDigit)) return false;
        }
        return true;
    }
}
