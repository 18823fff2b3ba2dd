package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code R1J_BACKEND=cuda ./r1j train | generate | logprobs | eval | spark eval | bench model} through the real launcher, on the
 * host stand-in for the GPU ({@link FakeCudaDevice}: r1j's own CUDA kernels compiled for the CPU behind the driver
 * API), each against the same command on the nd4j reference: the product runs on the cuda backend from the same code,
 * and agrees with the CPU to f32 rounding. What this cannot show is anything about a real GPU's speed (the device kit).
 */
class CudaStandInIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ND4J = Map.of("R1J_BACKEND", "nd4j");

    @TempDir
    static Path work;
    static Map<String, String> cuda;
    static Path cudaModel, nd4jModel;

    /** A tiny pipeline: 12 cold-start SFT steps, 2 GRPO steps of 2 prompts x 4 with in-run evaluation. */
    private static Path config(String backend) throws Exception {
        Path file = work.resolve(backend + ".yaml");
        Files.writeString(file, """
                name: standin
                runs_dir: %s
                task: {name: arithmetic, seed: 1}
                reward: %s
                model: {preset: tiny, seed: 1}
                stages:
                  - sft: {data: cold_start, examples: 64, max_steps: 12, batch_size: 8, learning_rate: 0.003, max_length: 64}
                  - grpo: {problems: 20, max_steps: 2, prompts_per_step: 2, num_generations: 4, max_completion_length: 16,
                           learning_rate: 0.0001, temperature: 0.6, eval_on_start: true, eval_steps: 2, eval_problems: 4,
                           num_generations_eval: 2}
                """.formatted(work.resolve("runs-" + backend), R1jCli.root().resolve("rewards/r1.reward")));
        return file;
    }

    @BeforeAll
    static void trainOnBoth() throws Exception {
        cuda = FakeCudaDevice.env();
        R1jCli.Result c = R1jCli.run(600, cuda, "train", config("cuda").toString());
        assertEquals(0, c.exitCode(), c.all());
        assertTrue(c.stderr().contains(FakeCudaDevice.OPENED), "the cuda backend opened the stand-in:\n" + c.all());
        assertTrue(c.stdout().contains("pipeline standin finished"), c.stdout());
        R1jCli.Result n = R1jCli.run(600, ND4J, "train", config("nd4j").toString());
        assertEquals(0, n.exitCode(), n.all());
        assertTrue(!n.stderr().contains("r1j: backend cuda"), n.stderr());
        cudaModel = work.resolve("runs-cuda/standin/02-grpo/model");
        nd4jModel = work.resolve("runs-nd4j/standin/02-grpo/model");
    }

    private static double[] column(Path csv, String name) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int c = Arrays.asList(lines.get(0).split(",")).indexOf(name);
        assertTrue(c >= 0, csv + " has no column " + name);
        return lines.stream().skip(1).map(l -> l.split(",", -1)).filter(f -> !f[c].isEmpty())
                .mapToDouble(f -> Double.parseDouble(f[c])).toArray();
    }

    private static void assertClose(double want, double got, double rel, String what) {
        assertEquals(want, got, rel * Math.max(1.0, Math.abs(want)), what);
    }

    private record Both(R1jCli.Result cuda, R1jCli.Result nd4j) {}

    /**
     * The command on cuda, with the model trained there, and on nd4j, with its own; MODEL in args is that model's
     * folder and OUT a file {@code out-BACKEND.csv} in the work folder. Both must succeed, and cuda must have opened
     * the stand-in.
     */
    private static Both onBoth(String out, String... args) throws Exception {
        R1jCli.Result[] r = new R1jCli.Result[2];
        for (int i = 0; i < 2; i++) {
            String backend = i == 0 ? "cuda" : "nd4j";
            Path model = i == 0 ? cudaModel : nd4jModel;
            String[] a = args.clone();
            for (int j = 0; j < a.length; j++) {
                if (a[j].equals("MODEL")) a[j] = model.toString();
                if (a[j].equals("OUT")) a[j] = work.resolve(out + "-" + backend + ".csv").toString();
            }
            r[i] = R1jCli.run(300, i == 0 ? cuda : ND4J, a);
            assertEquals(0, r[i].exitCode(), backend + ": " + r[i].all());
        }
        assertTrue(r[0].stderr().contains(FakeCudaDevice.OPENED), r[0].stderr());
        return new Both(r[0], r[1]);
    }

    /** The two runs' OUT files, line for line (a header and {@code rows} rows). */
    private static void sameTable(String out, int rows, String what) throws Exception {
        List<String> want = Files.readAllLines(work.resolve(out + "-nd4j.csv")), got = Files.readAllLines(work.resolve(out + "-cuda.csv"));
        assertEquals(rows + 1, want.size(), String.join("\n", want));
        assertEquals(want, got, what);
    }

    @Test
    void trainingOnCudaFollowsTheCpuReference() throws Exception {
        for (String stage : List.of("01-sft", "02-grpo")) {
            double[] want = column(work.resolve("runs-nd4j/standin/" + stage + "/metrics.csv"), "loss");
            double[] got = column(work.resolve("runs-cuda/standin/" + stage + "/metrics.csv"), "loss");
            assertEquals(want.length, got.length, stage + " rows");
            assertTrue(want.length >= 2, stage + " logged its steps");
            for (int i = 0; i < want.length; i++) assertClose(want[i], got[i], 1e-4, stage + " loss, step " + (i + 1));
        }
        assertTrue(Files.isRegularFile(cudaModel.resolve("model.safetensors")), "the model was saved from the device");
    }

    @Test
    void generateGreedyGivesTheCpusTokens() throws Exception {
        Both r = onBoth(null, "generate", "--model", "MODEL", "--prompt", "12+5\n", "--prompt", "40-7\n", "--temperature", "0",
                "--max-new-tokens", "16", "--json");
        List<String> cl = r.cuda().stdout().lines().toList(), nl = r.nd4j().stdout().lines().toList();
        assertEquals(2, cl.size(), r.cuda().stdout());
        for (int i = 0; i < 2; i++) {
            JsonNode cj = JSON.readTree(cl.get(i)), nj = JSON.readTree(nl.get(i));
            assertEquals(nj.get("tokens"), cj.get("tokens"), "greedy tokens, prompt " + i);
            assertEquals(16, cj.get("logprobs").size());
            for (int t = 0; t < 16; t++)
                assertClose(nj.get("logprobs").get(t).asDouble(), cj.get("logprobs").get(t).asDouble(), 1e-4, "log-prob " + t);
        }
    }

    @Test
    void logprobsAgreeWithTheCpu() throws Exception {
        Both r = onBoth(null, "logprobs", "--model", "MODEL", "--prompt", "12+5\n", "--completion", "<think>2+5=7</think><answer>17</answer>");
        JsonNode cj = JSON.readTree(r.cuda().stdout()), nj = JSON.readTree(r.nd4j().stdout());
        assertEquals(nj.get("tokens").size(), cj.get("tokens").size());
        for (int t = 0; t < nj.get("tokens").size(); t++) {
            JsonNode a = nj.get("tokens").get(t), b = cj.get("tokens").get(t);
            assertEquals(a.get("id"), b.get("id"));
            assertClose(a.get("logprob").asDouble(), b.get("logprob").asDouble(), 1e-4, "log-prob of token " + t);
            assertClose(a.get("entropy").asDouble(), b.get("entropy").asDouble(), 1e-4, "entropy at token " + t);
        }
        assertClose(nj.get("sum_logprob").asDouble(), cj.get("sum_logprob").asDouble(), 1e-4, "sum");
    }

    @Test
    void evalSamplesAsTheCpuDoes() throws Exception {
        Both r = onBoth("eval", "eval", "--model", "MODEL", "--problems", "8", "-k", "2", "--max-new-tokens", "16", "--out", "OUT");
        String summary = r.nd4j().stdout().lines().filter(l -> l.startsWith("pass@1")).findFirst()
                .orElseThrow(() -> new AssertionError(r.nd4j().stdout()));
        assertTrue(r.cuda().stdout().contains(summary), "cuda:\n" + r.cuda().stdout() + "\nnd4j:\n" + r.nd4j().stdout());
        // seeded draws: the device sampler picks the tokens the host sampler picks, so every problem's sampled
        // completion and greedy answer are the same text
        sameTable("eval", 8, "every problem's samples");
    }

    /** Spark's local executors are threads of one JVM: two of them share the device, with the CPU's results. */
    @Test
    void sparkEvalOnTwoExecutorThreadsSharesTheDevice() throws Exception {
        onBoth("spark", "spark", "eval", "--model", "MODEL", "--problems", "8", "-k", "2", "--max-new-tokens", "16",
                "--master", "local[2]", "--out", "OUT");
        sameTable("spark", 8, "the same samples from two executor threads on the device as on the CPU");
    }

    @Test
    void benchModelMeasuresOnTheDevice() throws Exception {
        R1jCli.Result c = R1jCli.run(300, cuda, "bench", "model", "--config", "tiny", "--steps", "1", "--batch", "2", "--seq", "32",
                "--gen-batch", "2", "--new-tokens", "8", "--prompt-len", "8", "--gen-repeats", "1");
        assertEquals(0, c.exitCode(), c.all());
        assertTrue(c.stdout().contains("r1j backend: cuda"), c.stdout());
        assertTrue(c.stdout().matches("(?s).*r1j     train +\\d+ tokens/s.*generate +\\d+ tokens/s.*"), c.stdout());
        assertTrue(c.stdout().matches("(?s).*r1j     memory: peak device memory [1-9]\\d* MB \\(cuda's caching allocator.*"), c.stdout());
        // PyTorch runs on the same device (none here: the stand-in is no GPU for torch), never on the CPU threads
        assertTrue(c.stdout().contains("pytorch on the device: eager, f32 GEMMs"), c.stdout());
        assertTrue(!c.stdout().contains("pytorch settings:"), c.stdout());
    }
}
