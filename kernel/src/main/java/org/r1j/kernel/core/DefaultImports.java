package org.r1j.kernel.core;

import java.util.List;

/** What every cell can use without imports: the JDK basics, Tablesaw tables and charts, r1j's main packages. */
final class DefaultImports {
    static final List<String> PACKAGES = List.of(
            "java.util", "java.util.function", "java.util.stream", "java.io", "java.nio.file", "java.time",
            "tech.tablesaw.api", "tech.tablesaw.aggregate", "tech.tablesaw.plotly.api", "tech.tablesaw.plotly.components", "tech.tablesaw.plotly.traces",
            "org.r1j.dsl", "org.r1j.model", "org.r1j.model.sample", "org.r1j.model.tokenize",
            "org.r1j.grpo", "org.r1j.train", "org.r1j.pipeline", "org.r1j.pipeline.data", "org.r1j.pipeline.task", "org.r1j.pipeline.eval",
            "org.r1j.pipeline.rejection", "org.r1j.pipeline.run", "org.r1j.sweep", "org.r1j.train.record",
            "org.r1j.kernel.display");

    static final String STATIC = "import static org.r1j.kernel.display.Notebook.*;";

    private DefaultImports() {}
}
