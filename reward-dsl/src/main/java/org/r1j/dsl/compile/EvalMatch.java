package org.r1j.dsl.compile;

import org.r1j.dsl.lib.regex.Regex;
import org.r1j.dsl.lib.RegexFunctions;
import org.r1j.dsl.lib.Unknown;
import org.r1j.dsl.lib.Values;

/** {@code text ~ r"re"} (search anywhere) and {@code !~}; notes the expression and its outcome. */
record EvalMatch(boolean negate, Eval text, Eval regex, String shown) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Object t = text.eval(frame, locals);
        Object p = regex.eval(frame, locals);
        Object v = t instanceof Unknown ? t : p instanceof Unknown ? p
                : RegexFunctions.search((String) t, (Regex) p, frame.limits());
        if (v instanceof Boolean b && negate) v = !b;
        frame.note(shown + " → " + (v instanceof Boolean b ? (b ? "matches" : "no match") : Values.show(v)));
        return v;
    }
}
