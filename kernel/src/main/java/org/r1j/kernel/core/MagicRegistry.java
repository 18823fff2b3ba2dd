package org.r1j.kernel.core;

import java.util.Map;
import java.util.TreeMap;

/** Magics by name, each with a one-line description for {@code %lsmagic}. */
public final class MagicRegistry {
    public record Entry<M>(M magic, String usage, String description) {}

    private final Map<String, Entry<LineMagic>> lineMagics = new TreeMap<>();
    private final Map<String, Entry<CellMagic>> cellMagics = new TreeMap<>();

    public MagicRegistry line(String name, String usage, String description, LineMagic magic) {
        lineMagics.put(name, new Entry<>(magic, usage, description));
        return this;
    }

    public MagicRegistry cell(String name, String usage, String description, CellMagic magic) {
        cellMagics.put(name, new Entry<>(magic, usage, description));
        return this;
    }

    public LineMagic lineMagic(String name) {
        Entry<LineMagic> e = lineMagics.get(name);
        if (e == null) {
            throw new MagicException("unknown line magic %" + name + suggestion());
        }
        return e.magic();
    }

    public CellMagic cellMagic(String name) {
        Entry<CellMagic> e = cellMagics.get(name);
        if (e == null) {
            throw new MagicException("unknown cell magic %%" + name + suggestion());
        }
        return e.magic();
    }

    public Map<String, Entry<LineMagic>> lineMagics() {
        return java.util.Collections.unmodifiableMap(lineMagics);
    }

    public Map<String, Entry<CellMagic>> cellMagics() {
        return java.util.Collections.unmodifiableMap(cellMagics);
    }

    private static String suggestion() {
        return " (%lsmagic lists the magics)";
    }
}
