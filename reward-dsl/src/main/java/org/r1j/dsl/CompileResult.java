package org.r1j.dsl;

import java.util.List;
import java.util.Optional;
import org.r1j.dsl.source.Diagnostic;
import org.r1j.dsl.source.Diagnostics;

/**
 * What {@link RewardProgram#compile} gives: the program when the source has no errors, and every diagnostic
 * (errors and warnings) sorted by file and position.
 */
public record CompileResult(Optional<RewardProgram> program, List<Diagnostic> diagnostics) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return program.isPresent();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** All diagnostics as compiler-style text with source lines and carets; empty when there are none. */
    public String render() {
        return Diagnostics.render(diagnostics);
    }

    /** The program, or an IllegalStateException carrying the rendered diagnostics (for code that wants to fail fast). */
    public RewardProgram orThrow() {
        return program.orElseThrow(() -> new IllegalStateException("reward program has errors:\n" + render()));
    }
}
