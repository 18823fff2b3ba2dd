package org.r1j.dsl.check;

import org.r1j.dsl.lib.regex.Regex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.ast.Ident;
import org.r1j.dsl.ast.Item;
import org.r1j.dsl.ast.Program;
import org.r1j.dsl.lib.Function;
import org.r1j.dsl.lib.Library;
import org.r1j.dsl.lib.Signature;
import org.r1j.dsl.source.Diagnostics;

/**
 * Names, types, declarations and regexes of a whole program (imports included), in one pass that reports every
 * problem it can. Erroneous expressions get {@link Type#ANY} so each mistake is reported once.
 */
public final class Checker {
    /** Sample texts every reward can read. */
    public static final Set<String> SAMPLE_NAMES = Set.of("prompt", "completion", "reference");

    private final Library library;
    private final Diagnostics d;
    private final Map<String, Ident> declared = new HashMap<>();
    private final Map<String, Integer> globalIndex = new LinkedHashMap<>();
    private final List<Ident> globalNames = new ArrayList<>();
    private final List<Expr> globalBodies = new ArrayList<>();
    private final List<Item.Reward> globalRewards = new ArrayList<>();
    private final Map<String, Type> fields = new HashMap<>();
    private final List<Global> globals = new ArrayList<>();
    /** Bodies of declarations rejected as duplicates: still checked, so their own errors show in the same pass. */
    private final List<Expr> orphans = new ArrayList<>();
    private final Type[] noTypes = new Type[0];
    private Type[] types = noTypes;
    private int[] localsCount;
    private boolean[] usesGroup;
    private byte[] state;
    private boolean[] referenced;
    /** Names of the defs, rewards and functions being checked, innermost first (for cycle messages). */
    private final Deque<String> stack = new ArrayDeque<>();
    private final Map<String, Integer> functionIndex = new LinkedHashMap<>();
    private final List<Item.Function> functionDecls = new ArrayList<>();
    private final List<UserFunction> functions = new ArrayList<>();
    private Type[] fnTypes;
    private List<List<Type>> fnParams;
    private int[] fnLocals;
    private boolean[] fnUsesGroup;
    private byte[] fnState;
    private boolean[] fnReferenced;
    private final IdentityHashMap<Expr.Call, Integer> userCalls = new IdentityHashMap<>();
    private final IdentityHashMap<Expr.Name, Symbol> names = new IdentityHashMap<>();
    private final IdentityHashMap<Expr.Call, Function> calls = new IdentityHashMap<>();
    private final IdentityHashMap<Expr.Binding, Integer> slots = new IdentityHashMap<>();
    private final IdentityHashMap<Expr.RegexLit, Regex> regexes = new IdentityHashMap<>();

    /** Per-body state while checking one def or reward. */
    private static final class Body {
        final int index;
        int nextSlot;
        boolean group;
        boolean inGroupArg;
        /** The locals visible where the current group function's argument starts: they are off limits inside it. */
        Scope groupOuter;
        /** For a function's body, its name and parameters (slots 0…k-1), for messages; else null. */
        String function;
        int params;

        Body(int index) {
            this.index = index;
        }
    }

    private Checker(Library library, Diagnostics d) {
        this.library = library;
        this.d = d;
    }

    /** Checks the programs (imports first, root last); the result is meaningful only without errors. */
    public static Checked check(List<Program> programs, Library library, Diagnostics d) {
        return new Checker(library, d).run(programs);
    }

    private Checked run(List<Program> programs) {
        String language = null;
        for (Program p : programs) {
            boolean root = p == programs.get(programs.size() - 1);
            Item.Language seen = null;
            for (Item item : p.items()) {
                if (item instanceof Item.Language l) {
                    if (seen != null) d.error(l.span(), "language is declared twice in this file");
                    seen = l;
                    String problem = LanguageCheck.problem(l.code());
                    if (problem != null) {
                        d.error(l.codeSpan(), problem);
                    } else if (root || language == null) {
                        language = l.code();
                    }
                } else if (item instanceof Item.Field f) {
                    declareField(f);
                } else if (item instanceof Item.Def def) {
                    declareGlobal(def.name(), def.body(), null);
                } else if (item instanceof Item.Function fn) {
                    declareFunction(fn);
                } else if (item instanceof Item.Reward r) {
                    declareGlobal(r.name(), r.body(), r);
                    if (Double.isNaN(r.weight()) || Double.isInfinite(r.weight())) d.error(r.name().span(), "weight must be a finite number");
                }
            }
        }
        int n = globalNames.size();
        types = new Type[n];
        localsCount = new int[n];
        usesGroup = new boolean[n];
        state = new byte[n];
        referenced = new boolean[n];
        int m = functionDecls.size();
        fnTypes = new Type[m];
        fnParams = new ArrayList<>(java.util.Collections.nCopies(m, List.of()));
        fnLocals = new int[m];
        fnUsesGroup = new boolean[m];
        fnState = new byte[m];
        fnReferenced = new boolean[m];
        for (int i = 0; i < n; i++) typeOfGlobal(i, null);
        for (int j = 0; j < m; j++) typeOfFunction(j, null);
        for (Expr orphan : orphans) check(orphan, Scope.EMPTY, new Body(-1));
        // Unused helpers in the file being compiled (an imported file may well offer more than one file uses).
        org.r1j.dsl.source.Source rootSource = programs.isEmpty() ? null : programs.get(programs.size() - 1).source();
        for (int i = 0; i < n; i++) {
            if (globalRewards.get(i) == null && !referenced[i] && globalNames.get(i).span().source() == rootSource) {
                d.warning(globalNames.get(i).span(), "def `" + globalNames.get(i).name() + "` is never used");
            }
        }
        for (int j = 0; j < m; j++) {
            Item.Function f = functionDecls.get(j);
            if (!fnReferenced[j] && f.name().span().source() == rootSource) {
                d.warning(f.name().span(), "function `" + f.name().name() + "` is never called");
            }
            functions.add(new UserFunction(f, fnParams.get(j), fnTypes[j], fnLocals[j], fnUsesGroup[j]));
        }
        for (int i = 0; i < n; i++) {
            Item.Reward r = globalRewards.get(i);
            if (r != null && types[i] != Type.NUMBER && types[i] != Type.BOOL && types[i] != Type.ANY) {
                d.error(r.body().span(), "reward `" + r.name().name() + "` must give a number or bool, not " + types[i]);
            }
            globals.add(new Global(globalNames.get(i), globalBodies.get(i), r, types[i], localsCount[i], usesGroup[i]));
        }
        if (globalRewards.stream().noneMatch(java.util.Objects::nonNull) && !programs.isEmpty()) {
            Program root = programs.get(programs.size() - 1);
            d.error(root.source().span(0, 0), "no reward is declared (write `reward name = expression`)");
        }
        return new Checked(List.copyOf(globals), List.copyOf(functions), language, names, calls, userCalls, slots, regexes);
    }

    private boolean declare(Ident name, String kind) {
        if (SAMPLE_NAMES.contains(name.name())) {
            d.error(name.span(), "`" + name.name() + "` is a sample text and cannot be redeclared as a " + kind);
            return false;
        }
        Ident prev = declared.putIfAbsent(name.name(), name);
        if (prev != null) {
            d.error(name.span(), "`" + name.name() + "` is already declared at " + prev.span().location());
            return false;
        }
        return true;
    }

    private void declareField(Item.Field f) {
        if (!declare(f.name(), "field")) return;
        Type t = Type.named(f.type().name());
        if (t == null) {
            d.error(f.type().span(), "unknown type `" + f.type().name() + "` (number, text, bool, list)");
            t = Type.ANY;
        }
        fields.put(f.name().name(), t);
    }

    private void declareGlobal(Ident name, Expr body, Item.Reward reward) {
        if (!declare(name, reward != null ? "reward" : "def")) {
            orphans.add(body);
            return;
        }
        globalIndex.put(name.name(), globalNames.size());
        globalNames.add(name);
        globalBodies.add(body);
        globalRewards.add(reward);
    }

    private void declareFunction(Item.Function f) {
        if (library.get(f.name().name()) != null) {
            d.error(f.name().span(), "`" + f.name().name() + "` is a built-in function; give yours another name");
            orphans.add(f.body());
            return;
        }
        if (!declare(f.name(), "function")) {
            orphans.add(f.body());
            return;
        }
        functionIndex.put(f.name().name(), functionDecls.size());
        functionDecls.add(f);
    }

    /** Reports the cycle that reaching {@code name} again closes; a cycle through a function is recursion. */
    private void cycle(String name, org.r1j.dsl.source.Span at) {
        List<String> path = new ArrayList<>(stack);
        java.util.Collections.reverse(path);
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
        loop.add(name);
        String shown = String.join(" → ", loop);
        if (loop.stream().anyMatch(functionIndex::containsKey)) {
            d.error(at, "recursion is not allowed: " + shown + " (a function may not call itself, directly or through others)");
        } else {
            d.error(at, "cyclic definition: " + shown);
        }
    }

    /** Type of a function's body (checked once, on first call or at the end); {@code from} is the calling site. */
    private Type typeOfFunction(int j, Expr.Call from) {
        Item.Function f = functionDecls.get(j);
        if (fnState[j] == 2) return fnTypes[j];
        if (fnState[j] == 1) {
            cycle(f.name().name(), from == null ? f.name().span() : from.function().span());
            return Type.ANY;
        }
        fnState[j] = 1;
        stack.push(f.name().name());
        Body body = new Body(-1);
        body.function = f.name().name();
        Scope scope = Scope.EMPTY;
        List<Type> params = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Item.Param p : f.params()) {
            Type t = Type.parameter(p.type().name());
            if (t == null) {
                d.error(p.type().span(), "unknown type `" + p.type().name() + "` (number, text, bool, list, regex)");
                t = Type.ANY;
            }
            if (SAMPLE_NAMES.contains(p.name().name())) {
                d.error(p.name().span(), "`" + p.name().name() + "` is a sample text and cannot be a parameter");
            } else if (!seen.add(p.name().name())) {
                d.error(p.name().span(), "parameter `" + p.name().name() + "` is declared twice");
            }
            params.add(t);
            scope = scope.bind(p.name().name(), new Symbol.Local(body.nextSlot++, t));
        }
        body.params = params.size();
        fnParams.set(j, params);
        fnTypes[j] = check(f.body(), scope, body);
        if (fnTypes[j] == Type.REGEX) {
            d.error(f.body().span(), "a function must give a number, text, bool or list, not a regex");
            fnTypes[j] = Type.ANY;
        }
        fnLocals[j] = body.nextSlot;
        fnUsesGroup[j] |= body.group;
        stack.pop();
        fnState[j] = 2;
        return fnTypes[j];
    }

    /** Type of a def or reward body, checking it on first use; {@code from} is the referring name (for cycles). */
    private Type typeOfGlobal(int i, Expr.Name from) {
        if (state[i] == 2) return referencedType(i);
        if (state[i] == 1) {
            cycle(globalNames.get(i).name(), from == null ? globalNames.get(i).span() : from.span());
            return Type.ANY;
        }
        state[i] = 1;
        stack.push(globalNames.get(i).name());
        Body body = new Body(i);
        types[i] = check(globalBodies.get(i), Scope.EMPTY, body);
        localsCount[i] = body.nextSlot;
        usesGroup[i] |= body.group;
        stack.pop();
        state[i] = 2;
        return referencedType(i);
    }

    private Type referencedType(int i) {
        // A reward is read as its number (a bool reward is 1 or 0).
        return globalRewards.get(i) != null && types[i] != Type.ANY ? Type.NUMBER : types[i];
    }

    private Type check(Expr e, Scope scope, Body body) {
        if (e instanceof Expr.NumberLit) return Type.NUMBER;
        if (e instanceof Expr.StringLit) return Type.TEXT;
        if (e instanceof Expr.BoolLit) return Type.BOOL;
        if (e instanceof Expr.Error) return Type.ANY;
        if (e instanceof Expr.RegexLit r) {
            Regex p = RegexCheck.compile(r, d);
            if (p != null) regexes.put(r, p);
            return p == null ? Type.ANY : Type.REGEX;
        }
        if (e instanceof Expr.ListLit l) {
            for (Expr item : l.items()) {
                Type t = check(item, scope, body);
                if (t == Type.REGEX || t == Type.LIST) d.error(item.span(), "list items must be numbers, text or bools, not " + t);
            }
            return Type.LIST;
        }
        if (e instanceof Expr.Name n) return name(n, scope, body);
        if (e instanceof Expr.Call c) return call(c, scope, body);
        if (e instanceof Expr.Unary u) {
            Type t = check(u.operand(), scope, body);
            Type want = u.op().equals("not") ? Type.BOOL : Type.NUMBER;
            expect(u.operand(), t, want, "`" + u.op() + "`");
            return want;
        }
        if (e instanceof Expr.Binary b) return binary(b, scope, body);
        if (e instanceof Expr.If i) {
            expect(i.cond(), check(i.cond(), scope, body), Type.BOOL, "an if condition");
            Type t = check(i.then(), scope, body);
            Type o = check(i.otherwise(), scope, body);
            if (!t.accepts(o)) {
                d.error(i.otherwise().span(), "else gives " + o + " but then gives " + t);
                return Type.ANY;
            }
            return t == Type.ANY ? o : t;
        }
        Expr.Let l = (Expr.Let) e;
        Scope s = scope;
        for (Expr.Binding b : l.bindings()) {
            Type t = check(b.value(), s, body);
            if (SAMPLE_NAMES.contains(b.name().name())) {
                d.error(b.name().span(), "`" + b.name().name() + "` is a sample text and cannot be rebound");
            }
            int slot = body.nextSlot++;
            slots.put(b, slot);
            s = s.bind(b.name().name(), new Symbol.Local(slot, t));
        }
        return check(l.body(), s, body);
    }

    private Type name(Expr.Name n, Scope scope, Body body) {
        Symbol.Local local = scope.find(n.name());
        if (local != null) {
            if (body.inGroupArg && body.groupOuter.find(n.name()) == local) {
                if (local.slot() < body.params) {
                    d.error(n.span(), "`" + n.name() + "` is a parameter of `" + body.function + "`, but a group function's argument is evaluated for every sample of the group");
                    return Type.ANY;
                }
                d.error(n.span(), "`" + n.name() + "` is a local, but a group function's argument is evaluated for every sample of the group; move it into a def");
                return Type.ANY;
            }
            names.put(n, local);
            return local.type();
        }
        Integer g = globalIndex.get(n.name());
        if (g != null) {
            referenced[g] = true;
            names.put(n, new Symbol.Global(g));
            Type t = typeOfGlobal(g, n);
            if (usesGroup[g]) {
                body.group = true;
                if (body.inGroupArg) d.error(n.span(), "`" + n.name() + "` uses group functions itself and cannot appear inside a group function's argument");
            }
            return t;
        }
        Type f = fields.get(n.name());
        if (f != null) {
            names.put(n, new Symbol.Field(n.name(), f));
            return f;
        }
        if (SAMPLE_NAMES.contains(n.name())) {
            names.put(n, new Symbol.SampleText(n.name()));
            return Type.TEXT;
        }
        if (library.get(n.name()) != null || functionIndex.containsKey(n.name())) {
            d.error(n.span(), "`" + n.name() + "` is a function; call it as " + n.name() + "(…)");
            return Type.ANY;
        }
        Set<String> candidates = new TreeSet<>(SAMPLE_NAMES);
        candidates.addAll(globalIndex.keySet());
        candidates.addAll(fields.keySet());
        for (Scope s = scope; s != null && s.name() != null; s = s.outer()) candidates.add(s.name());
        d.error(n.span(), "unknown name `" + n.name() + "`" + Suggest.hint(n.name(), candidates)
                + (Suggest.hint(n.name(), candidates).isEmpty() ? "; dataset fields must be declared: field " + n.name() + ": text" : ""));
        return Type.ANY;
    }

    private Type call(Expr.Call c, Scope scope, Body body) {
        Integer user = functionIndex.get(c.function().name());
        if (user != null) return userCall(c, user, scope, body);
        Function f = library.get(c.function().name());
        boolean wasInGroup = body.inGroupArg;
        Scope outer = body.groupOuter;
        if (f != null && f.group()) {
            if (wasInGroup) d.error(c.function().span(), "group functions cannot be nested");
            body.group = true;
            body.inGroupArg = true;
            body.groupOuter = scope;
        }
        List<Type> argTypes = new ArrayList<>();
        for (Expr a : c.args()) argTypes.add(check(a, scope, body));
        body.inGroupArg = wasInGroup;
        body.groupOuter = outer;
        if (f == null) {
            List<String> known = new ArrayList<>(functionIndex.keySet());
            library.all().forEach(x -> known.add(x.name()));
            String hint = Suggest.hint(c.function().name(), known);
            d.error(c.function().span(), "unknown function `" + c.function().name() + "`" + hint);
            return Type.ANY;
        }
        Signature s = f.resolve(argTypes);
        if (s == null) {
            String got = argTypes.stream().map(Type::toString).collect(Collectors.joining(", "));
            String want = f.signatures().stream().map(x -> f.name() + x.describe()).collect(Collectors.joining(" or "));
            d.error(c.span(), "cannot call " + f.name() + "(" + got + "); expected " + want);
            return Type.ANY;
        }
        if (f.literals() != null) {
            for (int i = 0; i < c.args().size(); i++) {
                if (c.args().get(i) instanceof Expr.StringLit lit) {
                    String problem = f.literals().problem(i, lit.value());
                    if (problem != null) d.error(lit.span(), problem);
                }
            }
        }
        calls.put(c, f);
        return s.result();
    }

    /** A call of a {@code def f(x: text) = …}: its arguments against the parameters, by count and type. */
    private Type userCall(Expr.Call c, int j, Scope scope, Body body) {
        List<Type> argTypes = new ArrayList<>();
        for (Expr a : c.args()) argTypes.add(check(a, scope, body));
        fnReferenced[j] = true;
        Type result = typeOfFunction(j, c);
        String name = c.function().name();
        if (fnUsesGroup[j]) {
            body.group = true;
            if (body.inGroupArg) d.error(c.function().span(), "`" + name + "` uses group functions itself and cannot be called inside a group function's argument");
        }
        List<Type> params = fnParams.get(j);
        Item.Function f = functionDecls.get(j);
        String signature = new UserFunction(f, params, result, 0, false).describe();
        if (argTypes.size() != params.size()) {
            String takes = params.isEmpty() ? "takes no arguments" : "takes " + params.size() + (params.size() == 1 ? " argument" : " arguments");
            d.error(c.span(), "`" + name + "` " + takes + ", got " + argTypes.size() + " (declared " + signature + " at " + f.name().span().location() + ")");
            return result;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).accepts(argTypes.get(i))) {
                d.error(c.args().get(i).span(), "argument " + (i + 1) + " of `" + name + "` (" + f.params().get(i).name().name()
                        + ") needs " + params.get(i) + ", got " + argTypes.get(i) + " (declared " + signature + ")");
            }
        }
        userCalls.put(c, j);
        return result;
    }

    private Type binary(Expr.Binary b, Scope scope, Body body) {
        Type l = check(b.left(), scope, body);
        Type r = check(b.right(), scope, body);
        String op = "`" + b.op() + "`";
        switch (b.op()) {
            case "+":
                if (l == Type.TEXT || r == Type.TEXT) {
                    if (l.accepts(Type.TEXT) && r.accepts(Type.TEXT)) return Type.TEXT;
                    d.error(b.span(), "`+` adds two numbers or joins two texts, not " + l + " and " + r);
                    return Type.ANY;
                }
                expect(b.left(), l, Type.NUMBER, op);
                expect(b.right(), r, Type.NUMBER, op);
                return Type.NUMBER;
            case "-":
            case "*":
            case "/":
            case "%":
                expect(b.left(), l, Type.NUMBER, op);
                expect(b.right(), r, Type.NUMBER, op);
                return Type.NUMBER;
            case "<":
            case "<=":
            case ">":
            case ">=":
                expect(b.left(), l, Type.NUMBER, op);
                expect(b.right(), r, Type.NUMBER, op);
                return Type.BOOL;
            case "==":
            case "!=":
                if (!l.accepts(r)) d.error(b.span(), "cannot compare " + l + " with " + r);
                if (l == Type.REGEX || r == Type.REGEX) d.error(b.span(), "regexes cannot be compared; use ~ to match text");
                return Type.BOOL;
            case "~":
            case "!~":
                expect(b.left(), l, Type.TEXT, op);
                if (!Type.REGEX.accepts(r)) d.error(b.right().span(), "the right side of " + op + " must be a regex literal r\"…\", not " + r);
                return Type.BOOL;
            case "and":
            case "or":
                expect(b.left(), l, Type.BOOL, op);
                expect(b.right(), r, Type.BOOL, op);
                return Type.BOOL;
            case "??":
                if (!l.accepts(r)) {
                    d.error(b.right().span(), "the default after ?? gives " + r + " but the value before it is " + l);
                    return Type.ANY;
                }
                return l == Type.ANY ? r : l;
            default:
                d.error(b.span(), "unknown operator " + op);
                return Type.ANY;
        }
    }

    private void expect(Expr e, Type actual, Type want, String where) {
        if (!want.accepts(actual)) d.error(e.span(), where + " needs " + want + ", got " + actual);
    }
}
