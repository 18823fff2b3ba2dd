package org.r1j.kernel.magics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;
import org.r1j.kernel.jshell.JavaEvaluator;

/**
 * {@code %load FILE}: runs a {@code .java}/{@code .jsh} file, or the code cells of another notebook ({@code .ipynb},
 * magics included) in order, as if they were cells here; the value of the last one is shown. Paths are relative
 * to the kernel's working directory (the notebook's folder).
 */
public final class LoadMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) throws IOException {
        if (args.size() != 1) {
            throw new MagicException("%load needs one file: %load helpers.jsh, %load Setup.java or %load 01-quickstart.ipynb");
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new MagicException("%load: no file " + file.toAbsolutePath());
        }
        List<String> cells = file.toString().endsWith(".ipynb") ? codeCells(file) : List.of(Files.readString(file));
        JavaEvaluator.Value last = new JavaEvaluator.Value(false, null);
        for (String cell : cells) {
            last = kernel.eval(cell, 1);
        }
        System.out.println("loaded " + cells.size() + (file.toString().endsWith(".ipynb") ? " code cell(s)" : " file") + " from " + file);
        return last;
    }

    static List<String> codeCells(Path notebook) throws IOException {
        JsonNode nb;
        try {
            nb = new ObjectMapper().readTree(notebook.toFile());
        } catch (IOException e) {
            throw new MagicException("%load: " + notebook + " is not a notebook (JSON): " + e.getMessage());
        }
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            JsonNode source = cell.path("source");
            StringBuilder code = new StringBuilder();
            if (source.isArray()) {
                source.forEach(line -> code.append(line.asText()));
            } else {
                code.append(source.asText());
            }
            if (!code.toString().isBlank()) {
                cells.add(code.toString());
            }
        }
        return cells;
    }
}
