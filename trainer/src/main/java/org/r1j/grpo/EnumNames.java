package org.r1j.grpo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The snake_case spelling of GRPO's enum-valued settings (TRL's and verl's names), parsed case-insensitively. */
final class EnumNames {
    private EnumNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String key, String text) {
        String t = text == null ? "" : text.trim();
        for (E v : type.getEnumConstants()) {
            if (v.name().equalsIgnoreCase(t)) return v;
        }
        throw new IllegalArgumentException(key + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(EnumNames::name).collect(Collectors.joining(", ")) + "; got '" + text + "'");
    }

    static String name(Enum<?> v) {
        return v.name().toLowerCase(Locale.ROOT);
    }
}
