package org.r1j.kernel.magics;

import java.util.List;
import java.util.Map;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicRegistry;

/** {@code %lsmagic}: the line and cell magics with their usage. */
public final class LsMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        StringBuilder out = new StringBuilder("Line magics:\n");
        append(out, kernel.magics().lineMagics());
        out.append("Cell magics (first line of a cell):\n");
        append(out, kernel.magics().cellMagics());
        System.out.print(out);
        return null;
    }

    private static void append(StringBuilder out, Map<String, ? extends MagicRegistry.Entry<?>> entries) {
        int width = entries.values().stream().mapToInt(e -> e.usage().length()).max().orElse(0);
        entries.forEach((name, e) -> out.append("  ").append(e.usage()).append(" ".repeat(width - e.usage().length() + 2))
                .append(e.description()).append('\n'));
    }
}
