package org.r1j.dsl.check;

import java.util.List;
import org.r1j.dsl.ast.Ident;
import org.r1j.dsl.ast.Item;

/**
 * A {@code def f(x: text) = …} after checking: its parameters fill let slots 0…k-1 of its body.
 *
 * @param type      the body's type ({@link Type#ANY} after an error), the type of every call
 * @param locals    how many slots its body uses (parameters first, then its lets)
 * @param usesGroup whether its body depends on group-level functions
 */
public record UserFunction(Item.Function declaration, List<Type> params, Type type, int locals, boolean usesGroup) {
    public UserFunction {
        params = List.copyOf(params);
    }

    public Ident name() {
        return declaration.name();
    }

    /** e.g. {@code f(x: text, n: number)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(name().name()).append('(');
        for (int i = 0; i < params.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(declaration.params().get(i).name().name()).append(": ").append(params.get(i));
        }
        return b.append(')').toString();
    }
}
