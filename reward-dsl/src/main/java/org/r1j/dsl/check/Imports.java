package org.r1j.dsl.check;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.r1j.dsl.ast.Item;
import org.r1j.dsl.ast.Program;
import org.r1j.dsl.parse.SourceParser;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Source;

/**
 * Loads the files a program imports, depth first, each once: the result lists every imported program before
 * the one importing it, the root last. Missing or unreadable files and import cycles are reported at the import.
 */
public final class Imports {
    /** Imports may nest this deep; deeper is almost surely generated nonsense. */
    public static final int MAX_DEPTH = 32;

    private final Diagnostics diagnostics;
    private final List<Program> ordered = new ArrayList<>();
    private final Set<Path> done = new HashSet<>();
    private final LinkedHashSet<Path> active = new LinkedHashSet<>();

    private Imports(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param rootFile the root program's file when it has one (so it cannot import itself), else null
     * @param baseDir  folder its relative imports resolve against
     */
    public static List<Program> load(Program root, Path rootFile, Path baseDir, Diagnostics diagnostics) {
        Imports imports = new Imports(diagnostics);
        Path self = rootFile == null ? null : rootFile.toAbsolutePath().normalize();
        if (self != null) imports.active.add(self);
        imports.visit(root, baseDir);
        imports.ordered.add(root);
        return List.copyOf(imports.ordered);
    }

    private void visit(Program program, Path baseDir) {
        for (Item item : program.items()) {
            if (!(item instanceof Item.Import imp)) continue;
            Path target;
            try {
                target = baseDir.resolve(imp.path());
            } catch (RuntimeException e) {
                diagnostics.error(imp.pathSpan(), "bad import path: " + e.getMessage());
                continue;
            }
            Path key = target.toAbsolutePath().normalize();
            if (active.contains(key)) {
                String cycle = active.stream().dropWhile(p -> !p.equals(key)).map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(" → "));
                diagnostics.error(imp.pathSpan(), "import cycle: " + cycle + " → " + key.getFileName());
                continue;
            }
            if (done.contains(key)) continue;
            if (active.size() >= MAX_DEPTH) {
                diagnostics.error(imp.pathSpan(), "imports nest deeper than " + MAX_DEPTH);
                continue;
            }
            String text;
            try {
                text = Files.readString(target, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                diagnostics.error(imp.pathSpan(), "cannot import " + target + ": not UTF-8 text");
                continue;
            } catch (IOException e) {
                diagnostics.error(imp.pathSpan(), "cannot import " + target + ": "
                        + (Files.exists(target) ? e.getClass().getSimpleName() : "no such file"));
                continue;
            }
            Program imported = SourceParser.parse(new Source(target.normalize().toString(), text), diagnostics);
            active.add(key);
            Path parent = target.getParent() == null ? Path.of(".") : target.getParent();
            visit(imported, parent);
            active.remove(key);
            done.add(key);
            ordered.add(imported);
        }
    }
}
