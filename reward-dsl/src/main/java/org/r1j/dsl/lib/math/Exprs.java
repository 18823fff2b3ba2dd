package org.r1j.dsl.lib.math;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Structural helpers over {@link Expr}: children of container nodes and bottom-up rewriting. */
final class Exprs {
    private Exprs() {}

    /** Items of containers (relations, groups, sets, lists, unions, matrices); empty for scalar nodes. */
    static List<Expr> children(Expr e) {
        if (e instanceof Expr.Rel r) return r.operands();
        if (e instanceof Expr.Group g) return g.items();
        if (e instanceof Expr.SetOf s) return s.items();
        if (e instanceof Expr.ListOf l) return l.items();
        if (e instanceof Expr.Union u) return u.parts();
        if (e instanceof Expr.Matrix m) {
            List<Expr> all = new ArrayList<>();
            m.rows().forEach(all::addAll);
            return all;
        }
        return List.of();
    }

    /** Rewrites scalar nodes bottom-up (containers are left to the caller). */
    static Expr map(Expr e, UnaryOperator<Expr> f) {
        Expr r = e;
        if (e instanceof Expr.Neg n) r = new Expr.Neg(map(n.x(), f));
        else if (e instanceof Expr.Bin b) r = new Expr.Bin(b.op(), map(b.l(), f), map(b.r(), f));
        else if (e instanceof Expr.PlusMinus p) r = new Expr.PlusMinus(map(p.l(), f), map(p.r(), f), p.minusFirst());
        else if (e instanceof Expr.Call c) r = new Expr.Call(c.fn(), map(c.arg(), f), c.base() == null ? null : map(c.base(), f));
        else if (e instanceof Expr.Call2 c) r = new Expr.Call2(c.fn(), map(c.a(), f), map(c.b(), f));
        else if (e instanceof Expr.Postfix p) r = new Expr.Postfix(p.op(), map(p.x(), f));
        return f.apply(r);
    }

    static boolean contains(Expr e, java.util.function.Predicate<Expr> p) {
        if (p.test(e)) return true;
        if (e instanceof Expr.Neg n) return contains(n.x(), p);
        if (e instanceof Expr.Bin b) return contains(b.l(), p) || contains(b.r(), p);
        if (e instanceof Expr.PlusMinus pm) return contains(pm.l(), p) || contains(pm.r(), p);
        if (e instanceof Expr.Call c) return contains(c.arg(), p) || c.base() != null && contains(c.base(), p);
        if (e instanceof Expr.Call2 c) return contains(c.a(), p) || contains(c.b(), p);
        if (e instanceof Expr.Postfix pf) return contains(pf.x(), p);
        for (Expr child : children(e)) if (contains(child, p)) return true;
        return false;
    }
}
