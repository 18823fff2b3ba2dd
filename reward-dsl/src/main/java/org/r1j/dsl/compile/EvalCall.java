package org.r1j.dsl.compile;

import org.r1j.dsl.lib.Function;
import org.r1j.dsl.lib.Unknown;
import org.r1j.dsl.lib.Values;

/**
 * A built-in call. Strict: an unknown argument makes the call unknown without running it (except for
 * functions that take unknowns). A built-in that throws gives unknown with the failure as reason.
 */
record EvalCall(Function function, Eval[] args) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object v = args[i].eval(frame, locals);
            if (v instanceof Unknown && !function.lenient()) return v;
            values[i] = v;
        }
        Object result;
        try {
            result = function.impl().call(values, frame);
        } catch (RuntimeException | StackOverflowError e) {
            result = Unknown.of(function.name() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Values.clip(e.getMessage())));
        }
        if (function.autoNote()) frame.note(function.name() + " → " + Values.show(result));
        return result;
    }
}
