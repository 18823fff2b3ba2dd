package org.r1j.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The three model commands in-process: init-model → generate → logprobs agree with each other. */
class ModelCommandsTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(ex.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void initGenerateAndScoreATinyModel() throws Exception {
        Path dir = tmp.resolve("tiny");
        Run init = run(new InitModelCommand(), "--config", "tiny", "--tokenizer", "char", "--out", dir.toString(), "--seed", "3");
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains("qwen2") && init.out().contains("tokenizer char (103 tokens)"), init.out());
        assertTrue(Files.exists(dir.resolve("model.safetensors")));

        Run again = run(new InitModelCommand(), "--out", dir.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already holds a model"), again.err());

        Run gen = run(new GenerateCommand(), "--model", dir.toString(), "--prompt", "1+1=", "--prompt", "abc",
                "--n", "2", "--temperature", "0.9", "--max-new-tokens", "5", "--seed", "4", "--json");
        assertEquals(0, gen.code(), gen.err());
        String[] lines = gen.out().strip().split("\n");
        assertEquals(4, lines.length, gen.out());
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("1+1=", first.get("prompt").asText());
        assertEquals(first.get("tokens").size(), first.get("logprobs").size());
        Run same = run(new GenerateCommand(), "--model", dir.toString(), "--prompt", "1+1=", "--prompt", "abc",
                "--n", "2", "--temperature", "0.9", "--max-new-tokens", "5", "--seed", "4", "--json");
        assertEquals(gen.out(), same.out(), "same seed, same output");

        // logprobs of the sampled completion (when it is plain text) equal the sampler's log-probs
        if (first.get("finish_reason").asText().equals("length")) {
            Run lp = run(new LogprobsCommand(), "--model", dir.toString(), "--prompt", "1+1=", "--completion",
                    first.get("text").asText(), "--temperature", "0.9");
            assertEquals(0, lp.code(), lp.err());
            JsonNode scored = new ObjectMapper().readTree(lp.out());
            for (int i = 0; i < scored.get("tokens").size(); i++) {
                assertEquals(first.get("logprobs").get(i).asDouble(), scored.get("tokens").get(i).get("logprob").asDouble(), 1e-4);
            }
        }

        Run plain = run(new GenerateCommand(), "--model", dir.toString(), "--prompt", "hi", "--temperature", "0", "--max-new-tokens", "3");
        assertTrue(plain.out().startsWith("--- prompt 1, sample 1 ("), plain.out());
    }

    @Test
    void huggingFaceTokenizerAndChatTemplate() throws Exception {
        Path tokenizer = Path.of(ModelCommandsTest.class.getResource("/org/r1j/model/tokenize/bytebpe/tokenizer.json").toURI());
        Path dir = tmp.resolve("bpe");
        Run init = run(new InitModelCommand(), "--tokenizer", tokenizer.toString(), "--out", dir.toString());
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains("(400 tokens)"), init.out());
        assertTrue(Files.exists(dir.resolve("tokenizer_config.json")), "HF tokenizer files are copied");
        Run gen = run(new GenerateCommand(), "--model", dir.toString(), "--prompt", "What is 12 + 30?", "--chat",
                "--system", "Think first.", "--temperature", "0", "--max-new-tokens", "4", "--json");
        assertEquals(0, gen.code(), gen.err());
        JsonNode g = new ObjectMapper().readTree(gen.out().strip());
        assertTrue(g.get("tokens").size() >= 1 && g.get("tokens").size() <= 4, gen.out());
        Run plainChat = run(new GenerateCommand(), "--model", tmp.resolve("bpe").toString(), "--prompt", "x", "--chat", "--max-new-tokens", "2");
        assertEquals(0, plainChat.code(), plainChat.err());
    }

    @Test
    void badInputIsOneClearLine() {
        Run missing = run(new GenerateCommand(), "--model", tmp.resolve("nope").toString(), "--prompt", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope: not a directory"), missing.err());
        Run badTemp = run(new GenerateCommand(), "--model", tmp.toString(), "--prompt", "x", "--temperature", "-1");
        assertTrue(badTemp.err().contains("temperature must be >= 0"), badTemp.err());
        Run badCfg = run(new InitModelCommand(), "--config", tmp.resolve("missing.json").toString(), "--out", tmp.resolve("m").toString());
        assertTrue(badCfg.err().contains("missing.json: file not found"), badCfg.err());
    }
}
