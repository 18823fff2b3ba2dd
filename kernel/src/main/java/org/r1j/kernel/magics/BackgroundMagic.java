package org.r1j.kernel.magics;

import java.util.List;
import org.r1j.kernel.core.CellMagic;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.MagicException;

/**
 * {@code %%background NAME}: runs the cell's statements as background job NAME ({@code Background.start}); the cell
 * returns at once while the job's prints and live displays keep updating this cell. The body is the block of a
 * lambda: what it declares stays inside it, so declare what other cells need (the trainer, its display) before.
 */
public final class BackgroundMagic implements CellMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String body, int bodyLine) {
        if (args.size() != 1 || !args.get(0).matches("[\\w.-]+")) {
            throw new MagicException("%%background needs one job name (letters, digits, '_', '.', '-'), e.g. %%background grpo");
        }
        String name = args.get(0);
        // The body starts on the wrapper's first line, so frames and errors keep the cell's line numbers.
        kernel.eval("org.r1j.kernel.background.Background.start(\"" + name + "\", () -> {" + body + "\n});", bodyLine);
        System.out.println("started background job " + name + " (%jobs lists jobs; %stop " + name + " stops it at its next step)");
        return null;
    }
}
