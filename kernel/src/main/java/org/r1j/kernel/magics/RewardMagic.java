package org.r1j.kernel.magics;

import java.util.List;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.kernel.core.CellMagic;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.MagicException;

/**
 * {@code %%reward [NAME]}: compiles the rest of the cell with the reward language (docs/reward-dsl.md) and binds the
 * {@link RewardProgram} to the Java variable NAME (default {@code reward}). Diagnostics point at the cell's own
 * line:col ("cell[4]:3:12"), since the body starts on the cell's second line.
 */
public final class RewardMagic implements CellMagic {
    static final String DEFAULT_NAME = "reward";

    @Override
    public Object run(KernelContext kernel, List<String> args, String body, int bodyLine) {
        if (args.size() > 1) {
            throw new MagicException("%%reward takes at most one argument, the variable name: %%reward myReward");
        }
        String name = args.isEmpty() ? DEFAULT_NAME : args.get(0);
        if (!javax.lang.model.SourceVersion.isIdentifier(name) || javax.lang.model.SourceVersion.isKeyword(name)) {
            throw new MagicException("%%reward: '" + name + "' is not a Java variable name");
        }
        CompileResult result = RewardProgram.compile("cell[" + kernel.cellNumber() + "]", body, bodyLine);
        if (!result.ok()) {
            throw new MagicException(result.render().strip());
        }
        if (!result.diagnostics().isEmpty()) {
            System.err.println(result.render().strip()); // warnings
        }
        RewardProgram program = result.program().orElseThrow();
        kernel.bind(name, RewardProgram.class.getName(), program);
        System.out.println(name + " = " + program);
        return null;
    }
}
