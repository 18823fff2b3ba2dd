package org.r1j.dsl.check;

import org.r1j.dsl.ast.Expr;
import org.r1j.dsl.ast.Ident;
import org.r1j.dsl.ast.Item;

/**
 * A def or reward after checking.
 *
 * @param reward the declaration when this is a reward, else null (a def)
 * @param type   the body's type ({@link Type#ANY} after an error); a reward is referenced as a number
 * @param locals how many let slots its body uses
 * @param usesGroup whether its value depends on group-level functions (directly or through what it references)
 */
public record Global(Ident name, Expr body, Item.Reward reward, Type type, int locals, boolean usesGroup) {
    public boolean isReward() {
        return reward != null;
    }
}
