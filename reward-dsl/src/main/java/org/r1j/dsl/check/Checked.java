package org.r1j.dsl.check;

import java.util.IdentityHashMap;
import java.util.List;
import org.r1j.dsl.lib.regex.Regex;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.lib.Function;

/**
 * The checker's output, the planner's input: defs and rewards in declaration order (imports first), the
 * functions ({@code def f(x: text) = …}), and what each name, call (built-in or function), binding and regex
 * literal resolved to.
 */
public record Checked(List<Global> globals, List<UserFunction> functions, String language,
                      IdentityHashMap<Expr.Name, Symbol> names,
                      IdentityHashMap<Expr.Call, Function> calls,
                      IdentityHashMap<Expr.Call, Integer> userCalls,
                      IdentityHashMap<Expr.Binding, Integer> slots,
                      IdentityHashMap<Expr.RegexLit, Regex> regexes) {
}
