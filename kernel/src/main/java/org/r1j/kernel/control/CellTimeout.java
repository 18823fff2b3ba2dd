package org.r1j.kernel.control;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.r1j.kernel.core.MagicException;

/** Parses and prints the per-cell time limit: {@code 90}, {@code 90s}, {@code 5m}, {@code 2h}; {@code off} or 0 for none. */
public final class CellTimeout {
    /** Environment variable with the limit for every cell of the session (unset: none). */
    public static final String ENV = "R1J_CELL_TIMEOUT";
    private static final Pattern SPEC = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    private CellTimeout() {}

    /** Null for "no limit". */
    public static Duration parse(String spec, String where) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("off") || s.equals("none")) {
            return null;
        }
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw new MagicException(where + ": not a time limit: '" + spec + "' (expected e.g. 90s, 5m, 2h or off)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = v * switch (unit) {
            case "ms" -> 1;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        };
        return millis <= 0 ? null : Duration.ofMillis(Math.round(millis));
    }

    /** The limit set in the environment, or null. */
    public static Duration fromEnvironment() {
        String value = System.getenv(ENV);
        return value == null ? null : parse(value, ENV);
    }

    public static String format(Duration d) {
        if (d == null) {
            return "no";
        }
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
