package org.r1j.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;

class ImportsTest {
    @TempDir
    Path dir;

    @Test
    void importedRewardsComeFirstAndCanBeReferenced() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/common.reward"), "def answer = tag(completion, \"answer\")\nreward has_answer = known(answer)\n");
        Files.writeString(dir.resolve("main.reward"), "import \"lib/common.reward\"\nreward both weight 2 = has_answer * 2\n");
        CompileResult r = RewardProgram.compile(dir.resolve("main.reward"));
        assertTrue(r.ok(), r.render());
        RewardProgram p = r.orThrow();
        assertEquals(List.of("has_answer", "both"), p.rewardNames());
        assertEquals(5.0, p.score(Sample.of("", "<answer>1</answer>", "1")).total());
    }

    @Test
    void diamondImportsLoadOnceAndCyclesAreReported() throws IOException {
        Files.writeString(dir.resolve("base.reward"), "def one = 1\n");
        Files.writeString(dir.resolve("l.reward"), "import \"base.reward\"\n");
        Files.writeString(dir.resolve("r.reward"), "import \"base.reward\"\n");
        Files.writeString(dir.resolve("top.reward"), "import \"l.reward\"\nimport \"r.reward\"\nreward x = one\n");
        assertTrue(RewardProgram.compile(dir.resolve("top.reward")).ok());

        Files.writeString(dir.resolve("a.reward"), "import \"b.reward\"\nreward a = 1\n");
        Files.writeString(dir.resolve("b.reward"), "import \"a.reward\"\n");
        CompileResult cyc = RewardProgram.compile(dir.resolve("a.reward"));
        assertTrue(cyc.render().contains("import cycle: a.reward → b.reward → a.reward"), cyc.render());
    }

    @Test
    void errorsInImportedFilesNameThatFile() throws IOException {
        Files.writeString(dir.resolve("broken.reward"), "reward bad = nope\n");
        Files.writeString(dir.resolve("main.reward"), "import \"broken.reward\"\nreward ok = 1\n");
        CompileResult r = RewardProgram.compile(dir.resolve("main.reward"));
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).headline().contains("broken.reward:1:14: error: unknown name `nope`"), r.render());
    }

    @Test
    void unreadableFilesAreDiagnostics() throws IOException {
        CompileResult missing = RewardProgram.compile(dir.resolve("nope.reward"));
        assertTrue(missing.render().contains("no such file"), missing.render());
        Files.write(dir.resolve("bin.reward"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertTrue(RewardProgram.compile(dir.resolve("bin.reward")).render().contains("not UTF-8"));
    }
}
