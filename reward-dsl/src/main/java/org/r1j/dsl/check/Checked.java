package org.r1j.dsl.check;

import java.util.IdentityHashMap;
import java.util.List;
import org.r1j.dsl.lib.regex.Regex;
import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.lib.Function;

/**
 * The checker's output, the planner's input: defs and rewards in declaration order (imports first), and what
 * each name, call, binding and regex literal resolved to.
 */
public record Checked(List<Global> globals, String language,
                      IdentityHashMap<Expr.Name, Symbol> names,
                      IdentityHashMap<Expr.Call, Function> calls,
                      IdentityHashMap<Expr.Binding, Integer> slots,
                      IdentityHashMap<Expr.RegexLit, Regex> regexes) {
}
