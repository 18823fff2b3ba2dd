package org.r1j.dsl.compile;

import org.r1j.dsl.Sample;

/** {@code prompt}, {@code completion}, {@code reference}. */
record EvalSampleText(String name) implements Eval {
    @Override
    public Object eval(Frame frame, Object[] locals) {
        Sample s = frame.sample();
        return switch (name) {
            case "prompt" -> s.prompt();
            case "completion" -> s.completion();
            default -> s.reference();
        };
    }
}
