package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.lib.Function;
import org.r1j.dsl.lib.Library;

/** docs/reward-dsl.md stays true: its reward examples compile, and it documents every built-in. */
class DocsExamplesTest {
    private static final Path DOC = Path.of("../docs/reward-dsl.md");

    @Test
    void everyRewardBlockCompiles() throws IOException {
        String doc = Files.readString(DOC);
        Matcher m = java.util.regex.Pattern.compile("```reward\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) blocks.add(m.group(1));
        assertTrue(blocks.size() >= 3, "expected reward examples in " + DOC);
        for (String b : blocks) {
            CompileResult r = RewardProgram.compile("docs example", b);
            assertTrue(r.ok(), r.render() + "\n" + b);
            r.orThrow().score(Sample.of("p", "<think>x</think><answer>\\boxed{1}</answer>", "1"));
        }
    }

    @Test
    void everyBuiltinIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        for (Function f : Library.STANDARD.all()) {
            assertTrue(doc.contains("`" + f.name() + "("), f.name() + " is not documented in " + DOC);
        }
    }
}
