package org.r1j.model.io;

import org.r1j.model.backend.nd4j.HostArrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.r1j.testing.Nd4jHost.nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.r1j.model.backend.BackendCases;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.r1j.model.DecoderModel;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;

/**
 * Cross-framework parity: the checkpoints and goldens in tests/reference/golden were written by
 * tests/reference/make_golden.py (PyTorch, float64, a hand-written copy of Hugging Face's Qwen2/Llama math).
 * The Java model, loaded through {@link Checkpoint}, on every CPU backend and dtype, must reproduce logits, per-token log-probs and entropies at
 * temperature 0.7, and the gradient of {@code sum(loss_weights * logprobs)} for every parameter, in f32 with a
 * relative error (max |java - torch| / max |torch|, per tensor) of at most 1e-4.
 */
class ParityTest {
    static final double TOLERANCE = 1e-4;

    /** tests/reference/golden, from the trainer module (surefire's working directory) or the repository root. */
    static Path goldenDir() {
        for (Path p : new Path[] {Path.of("..", "tests", "reference", "golden"), Path.of("tests", "reference", "golden")}) {
            if (Files.isDirectory(p.resolve("qwen2-tied"))) return p;
        }
        throw new IllegalStateException("tests/reference/golden not found from " + Path.of("").toAbsolutePath()
                + "; HINT: run /usr/bin/python3 tests/reference/make_golden.py");
    }

    /** Each golden checkpoint on each CPU backend and dtype ({@link BackendCases}). */
    static Stream<Arguments> cases() {
        return Stream.of("qwen2-tied", "llama-untied")
                .flatMap(name -> BackendCases.all().stream().map(bc -> Arguments.of(name, bc)));
    }

    /** The checkpoint as {@link Checkpoint} loads it, rebuilt on the case's backend and dtype. */
    private static DecoderModel load(Path dir, BackendCases bc) {
        DecoderModel loaded = Checkpoint.loadModel(dir);
        return new DecoderModel(loaded.config(), loaded.stateDict(), bc.dtype(), bc.backend());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void logitsMatchPyTorch(String name, BackendCases bc) {
        Path dir = goldenDir().resolve(name);
        DecoderModel model = load(dir, bc);
        TensorFile golden = Safetensors.read(dir.resolve("golden.safetensors"));
        int[][] tokens = ints(nd4j(golden.tensor("tokens")));
        int[] lengths = nd4j(golden.tensor("lengths")).toIntVector();
        INDArray logits = HostArrays.of(model.logits(tokens, lengths));
        INDArray expected = nd4j(golden.tensor("logits"));
        double worst = 0;
        for (int b = 0; b < tokens.length; b++) {
            INDArray got = logits.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all());
            INDArray want = expected.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all());
            worst = Math.max(worst, assertClose(name + " logits row " + b, want, got));
        }
        System.out.printf("parity %s on %s: logits relative error %.2g%n", name, bc, worst);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void logprobsEntropiesAndEveryGradientMatchPyTorch(String name, BackendCases bc) {
        Path dir = goldenDir().resolve(name);
        DecoderModel model = load(dir, bc);
        TensorFile golden = Safetensors.read(dir.resolve("golden.safetensors"));
        float temperature = Float.parseFloat(golden.metadata().get("temperature"));
        TokenBatch batch = new TokenBatch(ints(nd4j(golden.tensor("tokens"))), nd4j(golden.tensor("prompt_lengths")).toIntVector(),
                nd4j(golden.tensor("lengths")).toIntVector());
        float[][] weights = rows(nd4j(golden.tensor("loss_weights")), batch);
        model.zeroGrad();
        try (ForwardPass pass = model.forward(batch, temperature, true)) {
            double lp = assertRowsClose(name + " logprobs", rows(nd4j(golden.tensor("logprobs")), batch), pass.logprobs());
            double ent = assertRowsClose(name + " entropies", rows(nd4j(golden.tensor("entropies")), batch), pass.entropies());
            System.out.printf("parity %s on %s: logprobs relative error %.2g, entropies %.2g%n", name, bc, lp, ent);
            pass.backward(weights);
        }
        int checked = 0;
        double worst = 0;
        String worstName = "";
        for (String param : model.parameters().names()) {
            double rel = assertClose(name + " grad " + param, nd4j(golden.tensor("grad." + param)), HostArrays.of(model.parameters().grad(param)));
            if (rel >= worst) { worst = rel; worstName = param; }
            checked++;
        }
        System.out.printf("parity %s: %d gradients, worst relative error %.2g (%s)%n", name, checked, worst, worstName);
        long expectedGrads = golden.tensors().keySet().stream().filter(k -> k.startsWith("grad.")).count();
        assertEquals(expectedGrads, checked, "every parameter's gradient is compared");
    }

    /** The committed goldens are what the script produces now (so the script stays runnable and in sync). */
    @Test
    void scriptRegeneratesTheCommittedGoldens(@TempDir Path out) throws Exception {
        String python = System.getenv().getOrDefault("R1J_PYTHON", "/usr/bin/python3");
        boolean torch = Files.isExecutable(Path.of(python)) && new ProcessBuilder(python, "-c", "import torch")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!torch) {
            String why = python + " with torch is missing; install it with `apt-get install python3-torch` "
                    + "(or set R1J_PYTHON) to check tests/reference/make_golden.py";
            if ("1".equals(System.getenv("R1J_REQUIRE_EXTERNAL"))) fail(why);
            Assumptions.abort(why);
        }
        Path script = goldenDir().getParent().resolve("make_golden.py");
        Process p = new ProcessBuilder(python, script.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        for (String name : new String[] {"qwen2-tied", "llama-untied"}) {
            for (String file : new String[] {"model.safetensors", "golden.safetensors"}) {
                Map<String, HostArray> fresh = Safetensors.read(out.resolve(name).resolve(file)).tensors();
                Map<String, HostArray> committed = Safetensors.read(goldenDir().resolve(name).resolve(file)).tensors();
                assertEquals(committed.keySet(), fresh.keySet(), name + "/" + file);
                committed.forEach((k, v) -> {
                    if (v.dtype() == DataType.FLOAT) assertClose(name + "/" + file + " " + k, nd4j(v), nd4j(fresh.get(k)), 1e-6);
                    else assertEquals(v, fresh.get(k), k);
                });
            }
        }
    }

    static double assertClose(String what, INDArray expected, INDArray actual) {
        return assertClose(what, expected, actual, TOLERANCE);
    }

    /** Asserts and returns the relative error max |actual - expected| / max |expected|. */
    static double assertClose(String what, INDArray expected, INDArray actual, double tol) {
        assertTrue(Arrays.equals(expected.shape(), actual.shape()),
                what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double maxDiff = 0, maxRef = 0;
        int worst = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - a[i]);
            if (!(d <= maxDiff)) { maxDiff = d; worst = i; }   // NaN counts as worst
            maxRef = Math.max(maxRef, Math.abs(e[i]));
        }
        double rel = maxDiff / Math.max(maxRef, 1e-30);
        assertTrue(rel <= tol, String.format("%s: relative error %.3g > %.1g (max |diff| %.3g at %d: torch %.6g, java %.6g)",
                what, rel, tol, maxDiff, worst, e[worst], a[worst]));
        return rel;
    }

    private static double assertRowsClose(String what, float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int b = 0; b < expected.length; b++) {
            assertEquals(expected[b].length, actual[b].length, what + ": row " + b + " length");
        }
        float[] e = flatten(expected), a = flatten(actual);
        return assertClose(what, org.nd4j.linalg.factory.Nd4j.createFromArray(e), org.nd4j.linalg.factory.Nd4j.createFromArray(a));
    }

    private static float[] flatten(float[][] rows) {
        int n = 0;
        for (float[] r : rows) n += r.length;
        float[] out = new float[n];
        int i = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, i, r.length);
            i += r.length;
        }
        return out;
    }

    /** Row b's first completionLength(b) entries of a (B, Tc) golden. */
    private static float[][] rows(INDArray padded, TokenBatch batch) {
        float[][] all = padded.toFloatMatrix();
        float[][] out = new float[all.length][];
        for (int b = 0; b < all.length; b++) out[b] = Arrays.copyOf(all[b], batch.completionLength(b));
        return out;
    }

    private static int[][] ints(INDArray t) {
        long[][] l = t.toLongMatrix();
        int[][] out = new int[l.length][];
        for (int b = 0; b < l.length; b++) out[b] = Arrays.stream(l[b]).mapToInt(Math::toIntExact).toArray();
        return out;
    }
}
