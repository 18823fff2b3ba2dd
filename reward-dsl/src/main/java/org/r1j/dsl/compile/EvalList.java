package org.r1j.dsl.compile;

import java.util.ArrayList;
import java.util.List;
import org.r1j.dsl.lib.Unknown;

/** {@code [a, b, c]}; unknown if any item is. */
record EvalList(Eval[] items) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        List<Object> out = new ArrayList<>(items.length);
        for (Eval e : items) {
            Object v = e.eval(frame, locals);
            if (v instanceof Unknown) return v;
            out.add(v);
        }
        return List.copyOf(out);
    }
}
