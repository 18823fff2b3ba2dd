package org.r1j.dsl.ast;

import java.util.List;
import org.r1j.dsl.source.Source;

/** One parsed reward file: its items in source order. */
public record Program(Source source, List<Item> items) {
    public Program {
        items = List.copyOf(items);
    }
}
