package org.r1j.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.ast.Ident;
import org.r1j.dsl.ast.Item;
import org.r1j.dsl.ast.Program;
import org.r1j.dsl.grammar.RewardBaseVisitor;
import org.r1j.dsl.grammar.RewardParser;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Source;
import org.r1j.dsl.source.Span;

/**
 * Parse tree → AST. After a syntax error ANTLR hands us partial contexts (null children, missing tokens); every
 * method copes and yields {@link Expr.Error} or drops the item, since the error is already reported.
 */
final class AstBuilder extends RewardBaseVisitor<Object> {
    private final Source source;
    private final CodePoints cps;
    private final Diagnostics diagnostics;

    AstBuilder(Source source, CodePoints cps, Diagnostics diagnostics) {
        this.source = source;
        this.cps = cps;
        this.diagnostics = diagnostics;
    }

    Program program(RewardParser.ProgramContext ctx) {
        List<Item> items = new ArrayList<>();
        for (RewardParser.ItemContext ic : ctx.item()) {
            Object item = ic.accept(this);
            if (item instanceof Item i) items.add(i);
        }
        return new Program(source, items);
    }

    // ---- items ----

    @Override
    public Object visitImportItem(RewardParser.ImportItemContext ctx) {
        if (missing(ctx.path)) return null;
        return new Item.Import(span(ctx), unquote(ctx.path), span(ctx.path));
    }

    @Override
    public Object visitLanguageItem(RewardParser.LanguageItemContext ctx) {
        if (missing(ctx.code)) return null;
        return new Item.Language(span(ctx), unquote(ctx.code), span(ctx.code));
    }

    @Override
    public Object visitFieldItem(RewardParser.FieldItemContext ctx) {
        if (missing(ctx.name) || missing(ctx.type)) return null;
        return new Item.Field(span(ctx), ident(ctx.name), ident(ctx.type));
    }

    @Override
    public Object visitDefItem(RewardParser.DefItemContext ctx) {
        if (missing(ctx.name)) return null;
        return new Item.Def(span(ctx), ident(ctx.name), expr(ctx.body, ctx));
    }

    @Override
    public Object visitFunctionItem(RewardParser.FunctionItemContext ctx) {
        if (missing(ctx.name)) return null;
        List<Item.Param> params = new ArrayList<>();
        for (RewardParser.ParamContext p : ctx.params) {
            if (missing(p.name) || missing(p.type)) continue;
            params.add(new Item.Param(ident(p.name), ident(p.type)));
        }
        return new Item.Function(span(ctx), ident(ctx.name), params, expr(ctx.body, ctx));
    }

    @Override
    public Object visitRewardItem(RewardParser.RewardItemContext ctx) {
        if (missing(ctx.name)) return null;
        double weight = 1.0;
        Double unknown = null;
        boolean sawWeight = false, sawUnknown = false;
        for (RewardParser.OptionContext oc : ctx.option()) {
            if (oc instanceof RewardParser.WeightOptionContext w) {
                if (sawWeight) diagnostics.error(span(w), "weight is given twice");
                sawWeight = true;
                weight = number(w.value);
            } else if (oc instanceof RewardParser.UnknownOptionContext u) {
                if (sawUnknown) diagnostics.error(span(u), "unknown is given twice");
                sawUnknown = true;
                unknown = u.value == null ? null : number(u.value);
            }
        }
        return new Item.Reward(span(ctx), ident(ctx.name), weight, unknown, expr(ctx.body, ctx));
    }

    private double number(RewardParser.SignedNumberContext ctx) {
        if (ctx == null || ctx.NUMBER() == null) return Double.NaN;
        double v = parseNumber(ctx.NUMBER().getSymbol());
        return ctx.sign != null ? -v : v;
    }

    // ---- expressions ----

    private Expr expr(RewardParser.ExprContext ctx, ParserRuleContext parent) {
        if (ctx == null) return new Expr.Error(endOf(parent));
        Object o = ctx.accept(this);
        return o instanceof Expr e ? e : new Expr.Error(span(ctx));
    }

    @Override
    public Object visitPrimaryExpr(RewardParser.PrimaryExprContext ctx) {
        if (ctx.primary() == null) return new Expr.Error(span(ctx));
        Object o = ctx.primary().accept(this);
        return o instanceof Expr e ? e : new Expr.Error(span(ctx));
    }

    @Override
    public Object visitNegateExpr(RewardParser.NegateExprContext ctx) {
        return new Expr.Unary(span(ctx), "-", expr(ctx.operand, ctx));
    }

    @Override
    public Object visitNotExpr(RewardParser.NotExprContext ctx) {
        return new Expr.Unary(span(ctx), "not", expr(ctx.operand, ctx));
    }

    @Override
    public Object visitMulExpr(RewardParser.MulExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitAddExpr(RewardParser.AddExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitDefaultExpr(RewardParser.DefaultExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitCompareExpr(RewardParser.CompareExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitMatchExpr(RewardParser.MatchExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitAndExpr(RewardParser.AndExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitOrExpr(RewardParser.OrExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    private Expr binary(ParserRuleContext ctx, Token op, RewardParser.ExprContext l, RewardParser.ExprContext r) {
        String o = op == null ? "?" : op.getText();
        return new Expr.Binary(span(ctx), o, expr(l, ctx), expr(r, ctx));
    }

    @Override
    public Object visitIfExpr(RewardParser.IfExprContext ctx) {
        return new Expr.If(span(ctx), expr(ctx.cond, ctx), expr(ctx.then, ctx), expr(ctx.otherwise, ctx));
    }

    @Override
    public Object visitLetExpr(RewardParser.LetExprContext ctx) {
        List<Expr.Binding> bindings = new ArrayList<>();
        for (RewardParser.BindingContext b : ctx.binding()) {
            if (missing(b.name)) continue;
            bindings.add(new Expr.Binding(ident(b.name), expr(b.value, b)));
        }
        return new Expr.Let(span(ctx), bindings, expr(ctx.body, ctx));
    }

    @Override
    public Object visitNumberLit(RewardParser.NumberLitContext ctx) {
        return new Expr.NumberLit(span(ctx), parseNumber(ctx.NUMBER().getSymbol()));
    }

    @Override
    public Object visitStringLit(RewardParser.StringLitContext ctx) {
        return new Expr.StringLit(span(ctx), unquote(ctx.STRING().getSymbol()));
    }

    @Override
    public Object visitRegexLit(RewardParser.RegexLitContext ctx) {
        String raw = ctx.REGEX().getText();
        int close = raw.lastIndexOf('"');
        String pattern = raw.substring(2, close).replace("\\\"", "\"");
        return new Expr.RegexLit(span(ctx), pattern, raw.substring(close + 1));
    }

    @Override
    public Object visitBoolLit(RewardParser.BoolLitContext ctx) {
        return new Expr.BoolLit(span(ctx), ctx.value != null && ctx.value.getType() == RewardParser.TRUE);
    }

    @Override
    public Object visitCall(RewardParser.CallContext ctx) {
        List<Expr> args = new ArrayList<>();
        for (RewardParser.ExprContext a : ctx.args) args.add(expr(a, ctx));
        return new Expr.Call(span(ctx), ident(ctx.name), args);
    }

    @Override
    public Object visitName(RewardParser.NameContext ctx) {
        return new Expr.Name(span(ctx), ctx.name.getText());
    }

    @Override
    public Object visitParens(RewardParser.ParensContext ctx) {
        return expr(ctx.inner, ctx);
    }

    @Override
    public Object visitListLit(RewardParser.ListLitContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (RewardParser.ExprContext a : ctx.items) items.add(expr(a, ctx));
        return new Expr.ListLit(span(ctx), items);
    }

    // ---- tokens and spans ----

    private static boolean missing(Token t) {
        return t == null || t.getStartIndex() < 0 || t.getText() == null || t.getText().startsWith("<missing");
    }

    private double parseNumber(Token t) {
        try {
            return Double.parseDouble(t.getText());
        } catch (NumberFormatException e) {
            diagnostics.error(span(t), "not a number: " + t.getText());
            return Double.NaN;
        }
    }

    /** String literal token → its value; unknown escapes are reported and kept verbatim. */
    private String unquote(Token t) {
        String raw = t.getText();
        if (raw.length() < 2) return "";
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length() - 1) {
                sb.append(c);
                continue;
            }
            char n = raw.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                default -> {
                    int at = cps.toChar(t.getStartIndex()) + i - 1;
                    diagnostics.error(source.span(at, at + 2), "unknown escape \\" + n
                            + " (strings know \\n \\t \\r \\\\ \\\"; write regexes as r\"...\")");
                    sb.append('\\').append(n);
                }
            }
        }
        return sb.toString();
    }

    private Ident ident(Token t) {
        return new Ident(t.getText(), span(t));
    }

    private Span span(Token t) {
        return source.span(cps.toChar(t.getStartIndex()), cps.toChar(t.getStopIndex() + 1));
    }

    private Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        int s = start == null || start.getStartIndex() < 0 ? source.text().length() : cps.toChar(start.getStartIndex());
        int e = stop == null || stop.getStopIndex() < 0 ? s : cps.toChar(stop.getStopIndex() + 1);
        return source.span(s, Math.max(s, e));
    }

    private Span endOf(ParserRuleContext ctx) {
        Span s = span(ctx);
        return source.span(s.end(), s.end());
    }

}
