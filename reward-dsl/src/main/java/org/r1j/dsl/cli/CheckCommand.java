package org.r1j.dsl.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.lib.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `r1j reward check FILE…`: compiler-style diagnostics for every file; exit code 1 when any has errors. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Type-check reward files: file:line:col diagnostics with the source line and a caret; exit 1 on errors.")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "reward files (.reward)")
    List<Path> files;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        int errors = 0;
        for (Path f : files) {
            CompileResult r = RewardProgram.compile(f);
            if (!r.diagnostics().isEmpty()) err.println(r.render());
            errors += r.errors().size();
            r.program().ifPresent(p -> out.println(f + ": ok — " + describe(p)));
        }
        if (errors > 0) {
            err.println(errors + (errors == 1 ? " error" : " errors"));
            return 1;
        }
        return 0;
    }

    static String describe(RewardProgram p) {
        StringBuilder sb = new StringBuilder();
        for (String r : p.rewardNames()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(r).append(" (weight ").append(Values.number(p.weight(r)));
            p.unknownDefault(r).ifPresent(d -> sb.append(", unknown ").append(Values.number(d)));
            sb.append(')');
        }
        return p.rewardNames().size() + " rewards: " + sb;
    }
}
