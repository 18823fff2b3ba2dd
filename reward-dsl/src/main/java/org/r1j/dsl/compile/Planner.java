package org.r1j.dsl.compile;

import java.util.ArrayList;
import java.util.List;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.check.Checked;
import org.r1j.dsl.check.Global;
import org.r1j.dsl.check.Symbol;
import org.r1j.dsl.check.UserFunction;
import org.r1j.dsl.lib.Function;
import org.r1j.dsl.lib.Limits;
import org.r1j.dsl.lib.Values;

/** Checked AST → evaluator nodes. Runs only on programs without errors, so every lookup succeeds. */
public final class Planner {
    private final Checked checked;
    private int bodyLocals;
    /** Each function's body, planned once (no recursion, so a call can hold its callee's body directly). */
    private final Eval[] functionBodies;

    private Planner(Checked checked) {
        this.checked = checked;
        this.functionBodies = new Eval[checked.functions().size()];
    }

    public static Plan plan(Checked checked, Limits limits) {
        return new Planner(checked).run(limits);
    }

    private Plan run(Limits limits) {
        List<Global> gs = checked.globals();
        int n = gs.size();
        Eval[] bodies = new Eval[n];
        int[] locals = new int[n];
        boolean[] isReward = new boolean[n];
        String[] names = new String[n];
        List<Integer> rewardGlobal = new ArrayList<>();
        List<String> rewardNames = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Double> defaults = new ArrayList<>();
        boolean usesGroup = false;
        for (int i = 0; i < n; i++) {
            Global g = gs.get(i);
            bodyLocals = g.locals();
            bodies[i] = plan(g.body());
            locals[i] = g.locals();
            isReward[i] = g.isReward();
            names[i] = g.name().name();
            usesGroup |= g.usesGroup();
            if (g.isReward()) {
                rewardGlobal.add(i);
                rewardNames.add(g.name().name());
                weights.add(g.reward().weight());
                defaults.add(g.reward().unknownValue());
            }
        }
        return new Plan(bodies, locals, isReward, names, rewardGlobal.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(rewardNames), weights.stream().mapToDouble(Double::doubleValue).toArray(),
                defaults.toArray(new Double[0]), checked.language(), usesGroup, limits);
    }

    private Eval[] plan(List<Expr> es) {
        Eval[] out = new Eval[es.size()];
        for (int i = 0; i < out.length; i++) out[i] = plan(es.get(i));
        return out;
    }

    private Eval plan(Expr e) {
        if (e instanceof Expr.NumberLit n) return new EvalConst(n.value());
        if (e instanceof Expr.StringLit s) return new EvalConst(s.value());
        if (e instanceof Expr.BoolLit b) return new EvalConst(b.value());
        if (e instanceof Expr.RegexLit r) return new EvalConst(checked.regexes().get(r));
        if (e instanceof Expr.ListLit l) return new EvalList(plan(l.items()));
        if (e instanceof Expr.Name n) return name(checked.names().get(n));
        if (e instanceof Expr.Call c) {
            Integer user = checked.userCalls().get(c);
            if (user != null) return functionCall(user, plan(c.args()));
            Function f = checked.calls().get(c);
            if (f.name().equals("math_equal")) org.r1j.dsl.lib.AnswerFunctions.warmUp();
            if (f.group()) return new EvalGroupCall(f, c.args().isEmpty() ? new EvalConst(Boolean.TRUE) : plan(c.args().get(0)), bodyLocals);
            return new EvalCall(f, plan(c.args()));
        }
        if (e instanceof Expr.Unary u) return u.op().equals("not") ? new EvalNot(plan(u.operand())) : new EvalNegate(plan(u.operand()));
        if (e instanceof Expr.If i) return new EvalIf(plan(i.cond()), plan(i.then()), plan(i.otherwise()));
        if (e instanceof Expr.Let l) {
            int[] slots = new int[l.bindings().size()];
            Eval[] values = new Eval[slots.length];
            for (int k = 0; k < slots.length; k++) {
                Expr.Binding b = l.bindings().get(k);
                slots[k] = checked.slots().get(b);
                values[k] = plan(b.value());
            }
            return new EvalLet(slots, values, plan(l.body()));
        }
        if (e instanceof Expr.Binary b) return binary(b);
        throw new IllegalStateException("cannot plan " + e.getClass().getSimpleName() + " at " + e.span());
    }

    private Eval functionCall(int j, Eval[] args) {
        UserFunction f = checked.functions().get(j);
        if (functionBodies[j] == null) {
            int outer = bodyLocals;
            bodyLocals = f.locals();
            functionBodies[j] = plan(f.declaration().body());
            bodyLocals = outer;
        }
        return new EvalFunctionCall(f.name().name(), functionBodies[j], f.locals(), args);
    }

    private Eval name(Symbol s) {
        if (s instanceof Symbol.Local l) return new EvalLocal(l.slot());
        if (s instanceof Symbol.Global g) return new EvalGlobal(g.index());
        if (s instanceof Symbol.Field f) return new EvalField(f.name(), f.type());
        return new EvalSampleText(((Symbol.SampleText) s).name());
    }

    private Eval binary(Expr.Binary b) {
        Eval l = plan(b.left());
        Eval r = plan(b.right());
        return switch (b.op()) {
            case "+", "-", "*", "/", "%" -> new EvalArith(b.op().charAt(0), l, r);
            case "and" -> new EvalLogic(true, l, r);
            case "or" -> new EvalLogic(false, l, r);
            case "??" -> new EvalDefault(l, r);
            case "~", "!~" -> new EvalMatch(b.op().equals("!~"), l, r, Values.clip(b.right().span().text()));
            default -> new EvalCompare(b.op(), l, r);
        };
    }
}
