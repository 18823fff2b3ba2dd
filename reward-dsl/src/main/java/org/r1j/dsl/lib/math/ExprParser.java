package org.r1j.dsl.lib.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.r1j.dsl.lib.math.Expr.Bin;
import org.r1j.dsl.lib.math.Expr.Call;
import org.r1j.dsl.lib.math.Expr.Num;
import org.r1j.dsl.lib.math.Expr.Sym;

/**
 * Precedence-climbing parser from {@link Token}s to {@link Expr}. Lowest to highest: item lists (",", ";", "and",
 * "or"), union (∪), relations (= < ≤ … ∈, chained), sums (+ − ±), products (* / and juxtaposition such as
 * {@code 2\sqrt2} or {@code 4\sqrt(2)}), unary signs, powers (right-associative; {@code ^10} is ten, the plain-text
 * reading), postfix ! and %. LaTeX single-token arguments work ({@code \frac12}, {@code \sqrt2}). Words that are
 * not math (units, "the answer is") are set aside; an answer made only of words becomes {@link Expr.Words}.
 */
final class ExprParser {
    /** Deeper nesting than this is reported as UNKNOWN "too deeply nested" instead of risking the stack. */
    static final int MAX_DEPTH = 100;
    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos",
            "arctan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "ln", "log", "lg", "exp", "abs", "floor", "ceil");
    private static final Set<String> NOT_PRIMARY = Set.of("cup", "cap", "pm", "mp", "in", "rfloor", "rceil",
            "notin", "subset", "subseteq");
    /** Single letters read as function names when directly followed by "(", as in f(x) = 2x + 1. */
    private static final Set<String> FUNCTION_NAMES = Set.of("f", "g", "h");
    private static final Set<String> RELATIONS = Set.of("=", "!=", "<", "<=", ">", ">=");

    private final List<Token> toks;
    private final Deadline deadline;
    private int pos;
    private int depth;

    private ExprParser(List<Token> toks, Deadline deadline) {
        this.toks = toks;
        this.deadline = deadline;
    }

    static Expr parse(String answer, boolean commaGroups, Deadline deadline) {
        List<Token> raw = LatexLexer.lex(answer, commaGroups, deadline);
        List<Token> toks = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        String unknownWord = null;
        boolean math = false;
        for (int k = 0; k < raw.size(); k++) {
            Token t = raw.get(k);
            if (t.kind() == Token.Kind.TEXT || t.kind() == Token.Kind.WORD && t.text().length() > 1) {
                k = skipUnitExponent(raw, k);
                String w = t.text().toLowerCase(java.util.Locale.ROOT);
                if (w.equals("or") || w.equals("and")) {
                    toks.add(new Token(Token.Kind.SYM, ","));
                } else if (w.equals("in") || w.equals("is")) {
                    toks.add(new Token(Token.Kind.SYM, "="));
                }
                words.append(words.length() == 0 ? "" : " ").append(t.text());
                if (unknownWord == null && !KnownWords.allowed(t.text())) unknownWord = t.text();
            } else if (t.isSym("'") || t.isSym("&") && !inMatrix(raw)) {
                // primes and stray alignment marks carry no value
            } else {
                if (t.kind() != Token.Kind.SYM) math = true;
                toks.add(t.isSym(":") ? new Token(Token.Kind.SYM, "/") : t.isSym("->") ? new Token(Token.Kind.SYM, "=") : t);
            }
        }
        if (!math) {
            if (words.length() > 0) return new Expr.Words(words.toString());
            throw new ParseError("no math in the answer");
        }
        if (unknownWord != null) throw new ParseError("`" + unknownWord + "` is not a unit or a known word (see KnownWords)");
        while (!toks.isEmpty() && isSeparator(toks.get(0)) || !toks.isEmpty() && toks.get(0).isSym("=")
                || !toks.isEmpty() && toks.get(0).isSym("/")) {
            toks.remove(0); // "Answer: 5", "or 5", "= 5"
        }
        while (!toks.isEmpty() && toks.get(0).isSym("*")) toks.remove(0); // markdown bold: **73**
        while (!toks.isEmpty() && (isSeparator(toks.get(toks.size() - 1)) || toks.get(toks.size() - 1).isSym("=")
                || toks.get(toks.size() - 1).isSym("*"))) {
            toks.remove(toks.size() - 1);
        }
        toks.add(Token.EOF);
        ExprParser p = new ExprParser(toks, deadline);
        Expr e = p.items();
        if (p.peek().kind() != Token.Kind.EOF) throw new ParseError("unexpected '" + p.peek() + "'");
        return e;
    }

    /** "\\text{ cm}^2", "m^{3}": an exponent on a dropped word belongs to the unit. Returns the last index used. */
    private static int skipUnitExponent(List<Token> raw, int k) {
        if (k + 2 >= raw.size() || !raw.get(k + 1).isSym("^")) return k;
        Token after = raw.get(k + 2);
        if (after.kind() == Token.Kind.NUM) return k + 2;
        if (after.isSym("{") && k + 4 < raw.size() && raw.get(k + 3).kind() == Token.Kind.NUM && raw.get(k + 4).isSym("}")) {
            return k + 4;
        }
        return k;
    }

    private static boolean inMatrix(List<Token> raw) {
        return raw.stream().anyMatch(t -> t.kind() == Token.Kind.CMD && t.text().startsWith("begin:"));
    }

    private static boolean isSeparator(Token t) {
        return t.isSym(",") || t.isSym(";") || t.isSym("\\\\");
    }

    private Expr items() {
        List<Expr> items = new ArrayList<>();
        items.add(union());
        while (isSeparator(peek())) {
            while (isSeparator(peek())) next(); // "1, 2, and 3"
            if (peek().kind() == Token.Kind.EOF || isCloser(peek())) break;
            items.add(union());
        }
        return items.size() == 1 ? items.get(0) : new Expr.ListOf(items);
    }

    private Expr union() {
        Expr e = relation();
        if (!peek().isCmd("cup")) return e;
        List<Expr> parts = new ArrayList<>(List.of(e));
        while (peek().isCmd("cup")) {
            next();
            parts.add(relation());
        }
        return new Expr.Union(parts);
    }

    private Expr relation() {
        Expr e = sum();
        if (!isRelation(peek())) return e;
        List<String> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>(List.of(e));
        while (isRelation(peek())) {
            Token t = next();
            ops.add(t.isCmd("in") ? "in" : t.text());
            operands.add(sum());
        }
        return new Expr.Rel(ops, operands);
    }

    private static boolean isRelation(Token t) {
        return t.kind() == Token.Kind.SYM && RELATIONS.contains(t.text()) || t.isCmd("in");
    }

    private Expr sum() {
        Expr e = unary();
        while (true) {
            Token t = peek();
            if (t.isSym("+") || t.isSym("-")) {
                next();
                e = new Bin(t.text().charAt(0), e, unary());
            } else if (t.isCmd("pm") || t.isCmd("mp")) {
                next();
                e = new Expr.PlusMinus(e, unary(), t.isCmd("mp"));
            } else {
                return e;
            }
        }
    }

    private Expr unary() {
        enter();
        Token t = peek();
        Expr e;
        if (t.isSym("-")) {
            next();
            e = neg(unary());
        } else if (t.isSym("+")) {
            next();
            e = unary();
        } else if (t.isCmd("pm") || t.isCmd("mp")) {
            next();
            e = new Expr.PlusMinus(Num.of("0"), term(), t.isCmd("mp"));
        } else {
            e = term();
        }
        leave();
        return e;
    }

    private static Expr neg(Expr x) {
        return x instanceof Num n ? new Num(n.value().negate(), "-" + n.text(), n.decimals(), n.significant()) : new Expr.Neg(x);
    }

    private Expr term() {
        enter();
        Expr e = power();
        while (true) {
            Token t = peek();
            if (t.isSym("*") || t.isSym("/")) {
                next();
                Expr r = peek().isSym("-") ? neg(unaryAfterSign()) : power();
                e = new Bin(t.text().charAt(0), e, r);
            } else if (startsImplicitFactor(t)) {
                if (t.kind() == Token.Kind.NUM && endsInNumber(e)) {
                    throw new ParseError("two numbers in a row: '" + e + " " + t + "'");
                }
                Expr f = power();
                e = isMixedNumber(e, t, f) ? mixed((Num) e, f) : new Bin('*', e, f);
            } else {
                leave();
                return e;
            }
        }
    }

    private static boolean endsInNumber(Expr e) {
        return e instanceof Num || e instanceof Bin b && b.op() == '*' && b.r() instanceof Num;
    }

    /** "2\frac{1}{2}" is the mixed number 5/2 (as in competition answers), not 2 times 1/2. */
    private static boolean isMixedNumber(Expr e, Token next, Expr f) {
        return e instanceof Num n && n.decimals() < 0 && next.isCmd("frac") && f instanceof Bin b && b.op() == '/'
                && b.l() instanceof Num a && b.r() instanceof Num c && a.decimals() < 0 && c.decimals() < 0
                && a.value().signum() > 0 && a.value().compareTo(c.value()) < 0;
    }

    private static Expr mixed(Num whole, Expr frac) {
        return new Bin(whole.value().signum() < 0 ? '-' : '+', whole, frac);
    }

    private Expr unaryAfterSign() {
        next();
        return power();
    }

    private boolean startsImplicitFactor(Token t) {
        return switch (t.kind()) {
            case NUM, WORD -> true;
            case TEXT -> false;
            case CMD -> !NOT_PRIMARY.contains(t.text()) && !t.text().startsWith("end:");
            case SYM -> t.isSym("(") || t.isSym("{");
            case EOF -> false;
        };
    }

    private Expr power() {
        enter();
        Expr base = postfix();
        if (peek().isSym("^")) {
            next();
            Expr exp = exponent();
            base = postfixOps(new Bin('^', base, exp));
        }
        leave();
        return base;
    }

    private Expr exponent() {
        enter();
        Expr e;
        if (peek().isSym("-")) {
            next();
            e = neg(exponent());
        } else if (peek().isSym("+")) {
            next();
            e = exponent();
        } else {
            e = postfix();
            if (peek().isSym("^")) {
                next();
                e = new Bin('^', e, exponent());
            }
        }
        leave();
        return e;
    }

    private Expr postfix() {
        return postfixOps(primary());
    }

    private Expr postfixOps(Expr e) {
        while (peek().isSym("!") || peek().isSym("%")) e = new Expr.Postfix(next().text().charAt(0), e);
        return e;
    }

    private Expr primary() {
        enter();
        deadline.check();
        Token t = next();
        Expr e = switch (t.kind()) {
            case NUM -> Num.of(t.text());
            case WORD -> symbol(t.text());
            case TEXT -> throw new ParseError("unexpected word '" + t.text() + "'");
            case CMD -> command(t);
            case SYM -> bracketed(t);
            case EOF -> throw new ParseError("answer ends too early");
        };
        leave();
        return e;
    }

    private Expr symbol(String name) {
        if (name.equals("e")) return new Expr.Const("e");
        if (FUNCTION_NAMES.contains(name) && peek().isSym("(")) {
            return new Call(name, primary(), null); // f(x): a named function, not f times x
        }
        if (peek().isSym("_")) {
            next();
            Token sub = next();
            if (sub.isSym("{")) {
                StringBuilder b = new StringBuilder();
                while (!peek().isSym("}") && peek().kind() != Token.Kind.EOF) b.append(next());
                expect("}");
                return new Sym(name + "_" + b);
            }
            return new Sym(name + "_" + sub);
        }
        return new Sym(name);
    }

    private Expr command(Token t) {
        String c = t.text();
        switch (c) {
            case "frac": {
                Expr a = argument();
                return new Bin('/', a, argument());
            }
            case "sqrt": {
                Expr index = null;
                if (peek().isSym("[")) {
                    next();
                    index = sum();
                    expect("]");
                }
                return new Call("sqrt", argument(), index);
            }
            case "binom": {
                Expr a = argument();
                return new Expr.Call2("binom", a, argument());
            }
            case "pi":
                return new Expr.Const("pi");
            case "infty":
                return new Expr.Const("inf");
            case "emptyset":
                return new Expr.SetOf(List.of());
            case "lfloor":
            case "lceil": {
                Expr x = sum();
                Token close = next();
                if (!close.isCmd(c.equals("lfloor") ? "rfloor" : "rceil")) throw new ParseError("unclosed \\" + c);
                return new Call(c.substring(1), x, null);
            }
            default:
                break;
        }
        if (c.startsWith("begin:")) return environment(c.substring(6));
        if (FUNCTIONS.contains(c)) return function(c);
        if (NOT_PRIMARY.contains(c) || c.startsWith("end:")) throw new ParseError("unexpected \\" + c);
        return new Sym("\\" + c);
    }

    private Expr function(String name) {
        Expr base = null;
        if (peek().isSym("_")) {
            next();
            base = argument();
        }
        Expr power = null;
        if (peek().isSym("^")) {
            next();
            power = exponent();
        }
        Expr arg;
        if (peek().isSym("(") || peek().isSym("{")) {
            arg = postfix();
        } else {
            arg = power();
            while (startsImplicitFactor(peek()) && !(peek().kind() == Token.Kind.CMD && FUNCTIONS.contains(peek().text()))) {
                arg = new Bin('*', arg, power());
            }
        }
        String fn = name.equals("asin") ? "arcsin" : name.equals("acos") ? "arccos" : name.equals("atan") ? "arctan" : name;
        if (power instanceof Num m && m.value().negate().isOne() && fn.matches("sin|cos|tan")) {
            return new Call("arc" + fn, arg, null); // \sin^{-1} x
        }
        Expr call = new Call(fn, arg, base);
        return power == null ? call : new Bin('^', call, power);
    }

    /** A LaTeX command argument: {…}, or a single digit, letter or command (\frac12, \sqrt2, \frac\pi2). */
    private Expr argument() {
        Token t = peek();
        if (t.isSym("{")) {
            next();
            Expr e = items();
            expect("}");
            return e;
        }
        if (t.kind() == Token.Kind.NUM && t.text().length() > 1 && Character.isDigit(t.text().charAt(0))
                && Character.isDigit(t.text().charAt(1))) {
            toks.set(pos, new Token(Token.Kind.NUM, t.text().substring(1)));
            return Num.of(t.text().substring(0, 1));
        }
        return primary();
    }

    private Expr bracketed(Token t) {
        String s = t.text();
        switch (s) {
            case "(":
            case "[": {
                if (isCloser(peek())) throw new ParseError("empty brackets");
                List<Expr> items = new ArrayList<>(List.of(union()));
                while (isSeparator(peek())) {
                    next();
                    items.add(union());
                }
                Token close = next();
                if (!close.isSym(")") && !close.isSym("]")) throw new ParseError("missing closing bracket");
                if (items.size() == 1 && (s.equals("(") && close.isSym(")") || s.equals("[") && close.isSym("]"))) {
                    return items.get(0);
                }
                return new Expr.Group(s.charAt(0), close.text().charAt(0), items);
            }
            case "{": {
                if (peek().isSym("}")) throw new ParseError("empty braces");
                Expr e = items();
                expect("}");
                return e instanceof Expr.ListOf l ? new Expr.SetOf(l.items()) : e;
            }
            case "\\{": {
                List<Expr> items = new ArrayList<>();
                if (!peek().isSym("\\}")) {
                    Expr e = items();
                    items.addAll(e instanceof Expr.ListOf l ? l.items() : List.of(e));
                }
                expect("\\}");
                return new Expr.SetOf(items);
            }
            case "|": {
                Expr x = sum();
                expect("|");
                return new Call("abs", x, null);
            }
            default:
                throw new ParseError("unexpected '" + s + "'");
        }
    }

    private Expr environment(String env) {
        List<List<Expr>> rows = new ArrayList<>();
        List<Expr> row = new ArrayList<>();
        if (env.equals("array") && peek().isSym("{")) { // column spec
            while (!next().isSym("}")) if (peek().kind() == Token.Kind.EOF) throw new ParseError("unclosed array spec");
        }
        while (!peek().isCmd("end:" + env)) {
            if (peek().kind() == Token.Kind.EOF) throw new ParseError("missing \\end{" + env + "}");
            if (peek().isSym("&")) {
                next();
            } else if (peek().isSym("\\\\")) {
                next();
                if (!row.isEmpty()) rows.add(row);
                row = new ArrayList<>();
            } else {
                row.add(union());
            }
        }
        next();
        if (!row.isEmpty()) rows.add(row);
        if (env.equals("cases")) {
            return new Expr.ListOf(rows.stream().map(r -> r.get(0)).toList());
        }
        return new Expr.Matrix(rows);
    }

    private static boolean isCloser(Token t) {
        return t.isSym(")") || t.isSym("]") || t.isSym("}") || t.isSym("\\}");
    }

    private void expect(String sym) {
        Token t = next();
        if (!t.isSym(sym)) throw new ParseError("expected '" + sym + "' but found '" + (t.kind() == Token.Kind.EOF ? "end" : t) + "'");
    }

    private Token peek() {
        return toks.get(pos);
    }

    private Token next() {
        Token t = toks.get(pos);
        if (t.kind() != Token.Kind.EOF) pos++;
        return t;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw new MathLimit("too deeply nested");
    }

    private void leave() {
        depth--;
    }
}
