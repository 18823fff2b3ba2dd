package org.r1j.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.ast.Item;
import org.r1j.dsl.ast.Program;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Source;

class SourceParserTest {
    private static Program parse(String text, Diagnostics d) {
        return SourceParser.parse(new Source("t.reward", text), d);
    }

    private static Expr body(String expr) {
        Diagnostics d = new Diagnostics();
        Program p = parse("reward r = " + expr, d);
        assertFalse(d.hasErrors(), () -> Diagnostics.render(d.sorted()));
        return ((Item.Reward) p.items().get(0)).body();
    }

    /** A compact rendering of an expression tree with explicit parentheses. */
    private static String show(Expr e) {
        if (e instanceof Expr.Binary b) return "(" + show(b.left()) + " " + b.op() + " " + show(b.right()) + ")";
        if (e instanceof Expr.Unary u) return "(" + u.op() + " " + show(u.operand()) + ")";
        if (e instanceof Expr.If i) return "(if " + show(i.cond()) + " " + show(i.then()) + " " + show(i.otherwise()) + ")";
        if (e instanceof Expr.Name n) return n.name();
        if (e instanceof Expr.NumberLit n) return String.valueOf((long) n.value());
        if (e instanceof Expr.Call c) return c.function().name() + c.args().stream().map(SourceParserTest::show).toList();
        return e.getClass().getSimpleName();
    }

    @Test
    void precedenceLadder() {
        assertEquals("((a + (b * c)) < d)", show(body("a + b * c < d")));
        assertEquals("((a < b) and (not c))", show(body("a < b and not c")));
        assertEquals("((a and b) or c)", show(body("a and b or c")));
        assertEquals("(((- a) * b) - c)", show(body("-a * b - c")));
        assertEquals("((x ?? y) == 1)", show(body("x ?? y == 1")));
        assertEquals("(x ?? (y ?? z))", show(body("x ?? y ?? z")));
        assertEquals("(if c 1 (2 + 3))", show(body("if c then 1 else 2 + 3")));
        assertEquals("((a - b) - c)", show(body("a - b - c")));
    }

    @Test
    void itemsWithOptionsAndSpans() {
        Diagnostics d = new Diagnostics();
        Program p = parse("""
                # comment
                import "common.reward"
                language "en"
                field difficulty: number
                def n = len(completion)
                reward acc weight 0.5 unknown -1 = 1
                reward f unknown skip = 0
                """, d);
        assertFalse(d.hasErrors());
        assertEquals(6, p.items().size());
        Item.Reward acc = (Item.Reward) p.items().get(4);
        assertEquals(0.5, acc.weight());
        assertEquals(-1.0, acc.unknownValue());
        assertEquals("t.reward:6:8", acc.name().span().location());
        assertEquals(null, ((Item.Reward) p.items().get(5)).unknownValue());
        assertEquals("common.reward", ((Item.Import) p.items().get(0)).path());
    }

    @Test
    void regexAndStringLiterals() {
        Expr.Binary m = (Expr.Binary) body("completion ~ r\"^<a>\\s*\\\"x\\\"$\"sm");
        Expr.RegexLit r = assertInstanceOf(Expr.RegexLit.class, m.right());
        assertEquals("^<a>\\s*\"x\"$", r.pattern());
        assertEquals("sm", r.flags());
        Expr.Call c = (Expr.Call) body("occurrences(completion, \"<think>\\n\\t\\\\\")");
        assertEquals("<think>\n\t\\", ((Expr.StringLit) c.args().get(1)).value());
    }

    @Test
    void letWithSeveralBindings() {
        Expr.Let l = (Expr.Let) body("let a = 1, b = a + 1 let c = b in a + b + c");
        assertEquals(3, l.bindings().size());
        assertEquals("c", l.bindings().get(2).name().name());
    }

    @Test
    void syntaxErrorsAreDiagnosticsNotExceptions() {
        Diagnostics d = new Diagnostics();
        Program p = parse("reward a = (1 +\nreward b = 2 $ 3\nreward = 4", d);
        assertTrue(d.hasErrors());
        assertTrue(d.sorted().size() >= 2, d.sorted().toString());
        assertTrue(p.items().stream().anyMatch(i -> i instanceof Item.Reward r && r.name().name().equals("a")));
    }

    @Test
    void deepNestingIsReportedNotThrown() {
        Diagnostics d = new Diagnostics();
        parse("reward a = " + "(".repeat(100_000) + "1" + ")".repeat(100_000), d);
        assertTrue(d.hasErrors());
    }

    @Test
    void spansCountCharactersAfterSupplementaryCodePoints() {
        Diagnostics d = new Diagnostics();
        Program p = parse("# 😀 emoji\nreward r = \"😀\" + x", d);
        Item.Reward r = (Item.Reward) p.items().get(0);
        Expr.Binary b = (Expr.Binary) r.body();
        assertEquals("x", b.right().span().text());
        assertEquals("\"😀\"", b.left().span().text());
    }
}
