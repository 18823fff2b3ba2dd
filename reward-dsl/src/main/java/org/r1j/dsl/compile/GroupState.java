package org.r1j.dsl.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.r1j.dsl.lib.Function;

/**
 * The frames of one group (the completions of one prompt) and the group-level values computed for it. Used by
 * one thread at a time: a group is scored sequentially; parallelism is across groups.
 */
final class GroupState {
    private List<Frame> members = List.of();
    private final Map<EvalGroupCall, Object> combined = new HashMap<>();

    void setMembers(List<Frame> frames) {
        members = frames;
    }

    List<Frame> members() {
        return members;
    }

    Object combined(EvalGroupCall call, Supplier<List<Object>> values, Function.Aggregate aggregate) {
        Object v = combined.get(call);
        if (v == null) {
            v = aggregate.combine(values.get());
            combined.put(call, v);
        }
        return v;
    }

    List<Object> valuesOf(Eval arg, int locals) {
        List<Object> out = new ArrayList<>(members.size());
        for (Frame m : members) out.add(m.evalMuted(arg, locals));
        return out;
    }
}
