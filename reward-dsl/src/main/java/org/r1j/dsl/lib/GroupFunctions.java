package org.r1j.dsl.lib;

import static org.r1j.dsl.check.Type.BOOL;
import static org.r1j.dsl.check.Type.NUMBER;

import java.util.List;

/**
 * Group-level built-ins: the argument is evaluated for every completion of the prompt's group, then combined.
 * Unknown member values are left out (like TRL's nan-aware means); all unknown gives unknown. With these a
 * Kimi-1.5-style length reward is a few lines (docs/reward-dsl.md).
 */
final class GroupFunctions {
    private GroupFunctions() {}

    static void register(Library l) {
        l.add(Function.group("group_min", "group_min(x): smallest x over the group", v -> fold(v, Math::min),
                Signature.of(NUMBER, NUMBER)));
        l.add(Function.group("group_max", "group_max(x): largest x over the group", v -> fold(v, Math::max),
                Signature.of(NUMBER, NUMBER)));
        l.add(Function.group("group_sum", "group_sum(x): sum of x over the group", v -> fold(v, Double::sum),
                Signature.of(NUMBER, NUMBER)));
        l.add(Function.group("group_mean", "group_mean(x): mean of the known x over the group", GroupFunctions::mean,
                Signature.of(NUMBER, NUMBER)));
        l.add(Function.group("group_count", "group_count(c): how many in the group satisfy c (unknown counts as no)",
                v -> (double) v.stream().filter(Boolean.TRUE::equals).count(), Signature.of(NUMBER, BOOL)));
        l.add(Function.group("group_size", "group_size(): number of completions in the group", v -> (double) v.size(),
                Signature.of(NUMBER)));
    }

    private static Object fold(List<Object> values, java.util.function.DoubleBinaryOperator op) {
        Double acc = null;
        for (Object o : values) {
            if (o instanceof Double d) acc = acc == null ? d : op.applyAsDouble(acc, d);
        }
        return acc == null ? Unknown.of("unknown for the whole group") : acc;
    }

    private static Object mean(List<Object> values) {
        double sum = 0;
        int n = 0;
        for (Object o : values) {
            if (o instanceof Double d) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? Unknown.of("unknown for the whole group") : sum / n;
    }
}
