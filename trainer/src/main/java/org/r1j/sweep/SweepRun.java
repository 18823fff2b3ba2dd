package org.r1j.sweep;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: its name (its folder under the sweep folder) and the value of each axis.
 *
 * @param index    0-based position in the plan
 * @param name     folder name, made of the settings: {@code loss_type-dapo_beta-0.04_seed-1}
 * @param settings axis key → value, in axis order
 */
public record SweepRun(int index, String name, Map<String, Object> settings) {
    public SweepRun {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** "loss_type=dapo beta=0.04 seed=1" for logs. */
    public String label() {
        StringBuilder s = new StringBuilder();
        settings.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(shortKey(k)).append('=').append(display(v)));
        return s.toString();
    }

    static String shortKey(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    /** Numbers as written (0.0001, not 1.0E-4), everything else as text. */
    static String display(Object v) {
        if (v instanceof Double d && Double.isFinite(d)) {
            String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            return s.contains(".") || s.contains("E") ? s : s + ".0";
        }
        return String.valueOf(v);
    }
}
