package org.r1j.dsl.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import org.r1j.dsl.Sample;
import org.r1j.dsl.lib.CallContext;
import org.r1j.dsl.lib.Limits;
import org.r1j.dsl.lib.Unknown;
import org.r1j.dsl.lib.Values;

/**
 * Evaluation state of one sample: memoised def and reward values, and the explanation notes of the reward being
 * evaluated. Never lets an exception out: a failing body becomes unknown with the failure as reason.
 */
public final class Frame implements CallContext {
    /** Notes kept per reward explanation; more are summarised as "…". */
    static final int MAX_NOTES = 10;

    private final Plan plan;
    private final Sample sample;
    private final GroupState group;
    private final ToIntFunction<String> tokenCounter;
    private final Object[] values;
    private final byte[] state;
    private final List<List<String>> notes;
    private List<String> trace;

    Frame(Plan plan, Sample sample, GroupState group, ToIntFunction<String> tokenCounter) {
        this.plan = plan;
        this.sample = sample;
        this.group = group;
        this.tokenCounter = tokenCounter;
        this.values = new Object[plan.bodies().length];
        this.state = new byte[values.length];
        this.notes = new ArrayList<>(java.util.Collections.nCopies(values.length, (List<String>) null));
    }

    /** The value of def or reward {@code i} for this sample (a reward's is a Double or Unknown). */
    Object global(int i) {
        if (state[i] == 1) return Unknown.of("`" + plan.globalNames()[i] + "` depends on itself");
        if (state[i] == 0) compute(i);
        if (plan.isReward()[i]) {
            note(plan.globalNames()[i] + " = " + Values.show(values[i]));
        } else if (trace != null) {
            for (String n : notes.get(i)) note(n);
        }
        return values[i];
    }

    private void compute(int i) {
        state[i] = 1;
        List<String> saved = trace;
        List<String> mine = new ArrayList<>(4);
        trace = mine;
        Object v;
        try {
            v = plan.bodies()[i].eval(this, new Object[plan.locals()[i]]);
        } catch (RuntimeException | StackOverflowError e) {
            v = Unknown.of("evaluation failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Values.clip(e.getMessage())));
        }
        if (plan.isReward()[i]) v = rewardValue(i, v, mine);
        trace = saved;
        notes.set(i, mine);
        values[i] = v;
        state[i] = 2;
    }

    private Object rewardValue(int i, Object v, List<String> mine) {
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        if (v instanceof Double x) return x == 0.0 ? 0.0 : x; // no "-0" in scores
        Unknown u = v instanceof Unknown x ? x : Unknown.of("not a number: " + Values.show(v));
        Double def = plan.unknownDefaultOfGlobal(i);
        // The built-in that gave up usually said why already; do not repeat it.
        boolean said = !mine.isEmpty() && mine.get(mine.size() - 1).contains(u.reason());
        if (def == null) {
            mine.add(said ? "→ unknown" : "unknown: " + u.reason());
            return u;
        }
        mine.add((said ? "unknown" : "unknown (" + u.reason() + ")") + " → " + Values.number(def) + " as declared");
        return def;
    }

    /** Evaluates a group function's argument for this member without touching the current explanation. */
    Object evalMuted(Eval e, int locals) {
        List<String> saved = trace;
        trace = null;
        try {
            return e.eval(this, new Object[locals]);
        } catch (RuntimeException | StackOverflowError ex) {
            return Unknown.of("evaluation failed: " + ex.getClass().getSimpleName());
        } finally {
            trace = saved;
        }
    }

    /** Reward {@code k}'s value (NaN when unknown) and one-line explanation. */
    double rewardValue(int k) {
        int g = plan.rewardGlobal()[k];
        if (state[g] == 0) compute(g);
        return values[g] instanceof Double d ? d : Double.NaN;
    }

    String explanation(int k) {
        int g = plan.rewardGlobal()[k];
        List<String> n = notes.get(g);
        if (n == null || n.isEmpty()) return "= " + Values.show(values[g]);
        return String.join("; ", n);
    }

    GroupState group() {
        return group;
    }

    @Override
    public Sample sample() {
        return sample;
    }

    @Override
    public Limits limits() {
        return plan.limits();
    }

    @Override
    public void note(String fragment) {
        if (trace == null) return;
        if (trace.size() < MAX_NOTES) trace.add(fragment);
        else if (trace.size() == MAX_NOTES) trace.add("…");
    }

    @Override
    public OptionalInt tokens(String text) {
        if (sample.completionTokens() >= 0 && text.length() == sample.completion().length() && text.equals(sample.completion())) {
            return OptionalInt.of(sample.completionTokens());
        }
        if (tokenCounter == null) return OptionalInt.empty();
        return OptionalInt.of(tokenCounter.applyAsInt(text));
    }

    @Override
    public String defaultLanguage() {
        return plan.language();
    }
}
