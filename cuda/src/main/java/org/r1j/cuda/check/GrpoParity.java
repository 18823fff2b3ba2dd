package org.r1j.cuda.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r1j.dsl.CompileResult;
import org.r1j.dsl.RewardProgram;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.GrpoTrainer;
import org.r1j.grpo.LossType;
import org.r1j.grpo.RolloutSampler;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.TokenBatch;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.sample.FinishReason;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.Generator;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.run.ModelSpec;
import org.r1j.pipeline.task.ArithmeticTask;
import org.r1j.pipeline.task.Split;
import org.r1j.train.StepMetrics;

/**
 * GRPO parity between two backends: {@value #STEPS} GRPO steps of the demo's tiny decoder (arithmetic task,
 * character tokenizer) on one backend, compared with the same steps recorded on the CPU when the device kit was
 * built ({@code record}).
 *
 * <p>Sampled tokens may diverge at a near-tie of two tokens' probabilities (float sums in another order), after which
 * two honest runs train on different completions. So {@code compare} runs twice:
 * <ol>
 *   <li><b>replay</b>: the rollouts are the recorded CPU completions, so both backends train on the same tokens;
 *       every step's loss, reward, KL and gradient norm, and the teacher-forced log-probs of fixed sequences
 *       after steps 0, 10 and 20, must agree within {@link Limits};</li>
 *   <li><b>free</b>: the backend samples its own completions (host-drawn uniforms, as on the CPU); the steps before
 *       the first step whose completions differ must agree within the same limits; the divergence step is
 *       reported, not failed.</li>
 * </ol>
 * Usage: {@code GrpoParity record --backend nd4j --reward FILE --out golden.json} and {@code GrpoParity compare
 * --backend cuda --reward FILE --golden golden.json --out DIR} (exit 0 agree, 1 disagree, 3 the backend cannot
 * open).
 */
public final class GrpoParity {
    static final int STEPS = 20;
    static final long SEED = 1;
    /** Steps after which the fixed sequences are scored (0 = the initial weights). */
    static final int[] SCORED_AT = {0, 10, 20};

    /**
     * What "agree" means. Two f32 implementations differ by summation order only, but AdamW amplifies that: a weight
     * whose gradient is rounding noise moves by up to lr either way each step. So the first step (the same weights,
     * the same tokens) is held tight, and later steps to the drift two CPU backends show: measured when the kit is
     * built (simd against the nd4j recording, which must pass these limits too): grad norm up to 2.5e-3 relative by
     * step 6, teacher-forced log-probs up to 5.5e-4 after 20 steps.
     * A metric agrees when |a − b| ≤ rel · max(|a|, |b|) + absShare · (its largest |value| over the recorded steps).
     *
     * @param firstRel      step 1's relative limit (loss, KL, grad norm)
     * @param firstAbsShare step 1's absolute floor, as a share of the metric's scale
     * @param laterRel      steps 2..20
     * @param laterAbsShare steps 2..20
     * @param logpAbs0      teacher-forced log-probs with the initial weights, max |a − b|
     * @param logpAbsLate   the same after 10 and 20 AdamW updates
     */
    record Limits(double firstRel, double firstAbsShare, double laterRel, double laterAbsShare, double logpAbs0,
                  double logpAbsLate) {
        static final Limits F32 = new Limits(1e-4, 1e-5, 1e-2, 1e-3, 1e-4, 5e-3);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrpoParity() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) usage();
        String mode = args[0], backend = null, reward = null, golden = null, out = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--backend" -> backend = args[i + 1];
                case "--reward" -> reward = args[i + 1];
                case "--golden" -> golden = args[i + 1];
                case "--out" -> out = args[i + 1];
                default -> usage();
            }
        }
        if (backend == null || reward == null || out == null) usage();
        // the tiny model is made through ModelSpec, which takes the JVM-wide backend (as ./r1j demo does)
        System.setProperty("r1j.backend", backend);
        switch (mode) {
            case "record" -> {
                ObjectNode run = run(reward, null);
                Files.writeString(Path.of(out), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
                System.out.println("grpo parity: recorded " + STEPS + " steps on " + backend + " -> " + out);
            }
            case "compare" -> {
                if (golden == null) usage();
                System.exit(compare(backend, reward, JSON.readTree(Path.of(golden).toFile()), Path.of(out)));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: GrpoParity record --backend NAME --reward FILE --out golden.json\n"
                + "       GrpoParity compare --backend NAME --reward FILE --golden golden.json --out DIR");
        System.exit(2);
    }

    /** Replay and free runs against the golden; writes grpo-parity.{json,md} into out; the exit status. */
    static int compare(String backend, String reward, JsonNode golden, Path out) throws IOException {
        Files.createDirectories(out);
        ObjectNode report = JSON.createObjectNode();
        report.put("backend", backend);
        report.put("steps", STEPS);
        Limits lim = Limits.F32;
        report.putPOJO("limits", lim);
        StringBuilder md = new StringBuilder("# GRPO parity: " + backend + " vs the CPU run recorded when the kit was built\n\n");
        md.append(String.format(Locale.ROOT, "%d steps of the tiny demo decoder; limits: loss, KL and grad norm %.0e relative"
                + " (+%.0e of the metric's scale) at step 1 and %.0e (+%.0e) after; teacher-forced log-probs %.0e (step 0) and"
                + " %.0e (steps 10, 20) absolute.%n%n", STEPS, lim.firstRel(), lim.firstAbsShare(), lim.laterRel(),
                lim.laterAbsShare(), lim.logpAbs0(), lim.logpAbsLate()));
        boolean ok;
        try {
            ObjectNode replay = run(reward, golden.get("steps"));
            ObjectNode free = run(reward, null);
            Verdict r = judge("replay", replay, golden, lim, false, md);
            Verdict f = judge("free", free, golden, lim, true, md);
            report.set("replay", r.json);
            report.set("free", f.json);
            ok = r.ok && f.ok;
        } catch (RuntimeException | LinkageError e) {   // LinkageError: a class the bundle's class path lacks
            boolean noDevice = e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().contains("cannot run here");
            String why = noDevice ? e.getMessage() : ModelBenchOnDevice.rootCause(e);
            System.out.println("grpo parity: " + why);
            e.printStackTrace(System.out);
            report.put("error", why);
            report.put("pass", false);
            md.append("**Did not finish:** ").append(why).append("\n");
            Files.writeString(out.resolve("grpo-parity.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            Files.writeString(out.resolve("grpo-parity.md"), md.toString());
            return noDevice ? 3 : 1;
        }
        report.put("pass", ok);
        md.append(ok ? "\n**PASS**\n" : "\n**FAIL**\n");
        Files.writeString(out.resolve("grpo-parity.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        Files.writeString(out.resolve("grpo-parity.md"), md.toString());
        System.out.print(md);
        return ok ? 0 : 1;
    }

    record Verdict(boolean ok, ObjectNode json) {}

    /**
     * Compares one run with the golden. Free runs compare only the steps before the first step whose completions
     * differ (and the scored sequences only at checkpoints before it).
     */
    static Verdict judge(String name, ObjectNode run, JsonNode golden, Limits lim, boolean untilDivergence, StringBuilder md) {
        ObjectNode v = JSON.createObjectNode();
        JsonNode gs = golden.get("steps"), rs = run.get("steps");
        int diverged = -1;
        if (untilDivergence) {
            for (int s = 0; s < STEPS && diverged < 0; s++)
                if (!tokens(gs.get(s).get("rollouts")).equals(tokens(rs.get(s).get("rollouts")))) diverged = s;
        }
        v.put("first_divergent_step", diverged);
        int compared = diverged < 0 ? STEPS : diverged;
        boolean ok = sameInit(run.get("init"), golden.get("init"));
        if (!ok) md.append("- ").append(name).append(": the initial weights differ (").append(run.get("init")).append(" vs ")
                .append(golden.get("init")).append(")\n");
        double worst = 0;
        String worstAt = "";
        java.util.Map<String, Double> scale = new java.util.HashMap<>();
        for (String k : List.of("loss", "kl", "grad_norm"))
            for (JsonNode g : gs) scale.merge(k, Math.abs(g.get(k).asDouble()), Math::max);
        md.append("\n## ").append(name).append(untilDivergence ? " (own sampling)" : " (the CPU's completions)").append("\n\n")
                .append("| step | loss | CPU loss | reward | CPU reward | grad norm | CPU grad norm | ok |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int s = 0; s < STEPS; s++) {
            JsonNode g = gs.get(s), r = rs.get(s);
            boolean stepOk = true;
            if (s < compared) {
                for (String k : List.of("loss", "kl", "grad_norm")) {
                    double a = r.get(k).asDouble(), b = g.get(k).asDouble();
                    double rel = s == 0 ? lim.firstRel() : lim.laterRel(), abs = (s == 0 ? lim.firstAbsShare() : lim.laterAbsShare()) * scale.get(k);
                    double excess = Math.abs(a - b) / (rel * Math.max(Math.abs(a), Math.abs(b)) + abs);
                    if (excess > worst) { worst = excess; worstAt = "step " + s + " " + k; }
                    if (!(excess <= 1)) stepOk = false;
                }
                if (r.get("reward").asDouble() != g.get("reward").asDouble()) stepOk = false; // same tokens, same reward
            }
            ok &= stepOk;
            md.append(String.format(Locale.ROOT, "| %d | %.6g | %.6g | %.4f | %.4f | %.5g | %.5g | %s |%n", s + 1,
                    r.get("loss").asDouble(), g.get("loss").asDouble(), r.get("reward").asDouble(), g.get("reward").asDouble(),
                    r.get("grad_norm").asDouble(), g.get("grad_norm").asDouble(),
                    s < compared ? (stepOk ? "yes" : "**no**") : "diverged"));
        }
        ArrayNode scored = v.putArray("teacher_forced");
        for (int i = 0; i < SCORED_AT.length; i++) {
            int at = SCORED_AT[i];
            double maxAbs = maxAbsDiff(run.get("scored").get(i), golden.get("scored").get(i));
            double limit = at == 0 ? lim.logpAbs0() : lim.logpAbsLate();
            boolean judged = at <= compared;   // the weights after step `at` came from the same completions
            boolean pass = !judged || maxAbs <= limit;
            ok &= pass;
            ObjectNode e = scored.addObject();
            e.put("after_step", at);
            e.put("max_abs_diff", maxAbs);
            e.put("limit", limit);
            e.put("judged", judged);
            md.append(String.format(Locale.ROOT, "%nteacher-forced log-probs after step %d: max |diff| %.3g (limit %.0e)%s", at,
                    maxAbs, limit, judged ? (pass ? "" : " **FAIL**") : " (after the divergence: reported only)"));
        }
        md.append(String.format(Locale.ROOT, "%n%nworst metric, as a share of its limit: %.3f (%s)%s%n", worst, worstAt,
                diverged >= 0 ? "; completions first differ at step " + (diverged + 1) + ", compared before it"
                        : untilDivergence ? "; the completions never differed" : ""));
        v.put("worst_metric_share_of_limit", worst);
        v.put("worst_metric_at", worstAt);
        v.put("pass", ok);
        return new Verdict(ok, v);
    }

    /** The checksums agree to f32 rounding (as recorded: a float written to JSON reads back as a double). */
    private static boolean sameInit(JsonNode a, JsonNode b) {
        for (String k : List.of("sum", "sum_sq"))
            if ((float) a.get(k).asDouble() != (float) b.get(k).asDouble()) return false;
        return true;
    }

    /** The sampled token ids of a step's rollouts (not their log-probs, which differ by rounding). */
    private static List<JsonNode> tokens(JsonNode rollouts) {
        List<JsonNode> t = new ArrayList<>();
        for (JsonNode group : rollouts) for (JsonNode g : group) t.add(g.get("tokens"));
        return t;
    }

    private static double maxAbsDiff(JsonNode a, JsonNode b) {
        double m = 0;
        if (a.size() != b.size()) return Double.POSITIVE_INFINITY;
        for (int r = 0; r < a.size(); r++) {
            if (a.get(r).size() != b.get(r).size()) return Double.POSITIVE_INFINITY;
            for (int t = 0; t < a.get(r).size(); t++) {
                double d = Math.abs(a.get(r).get(t).asDouble() - b.get(r).get(t).asDouble());
                if (!(d <= m)) m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return m;
    }

    /**
     * {@value #STEPS} GRPO steps on the JVM-wide backend; the rollouts are sampled by the policy, or replayed from
     * {@code replay} (a golden's "steps"). Returns init checksum, per-step metrics and rollouts, and the scored sequences.
     */
    static ObjectNode run(String rewardFile, JsonNode replay) {
        ArithmeticTask task = new ArithmeticTask(SEED);
        LoadedModel lm = ModelSpec.random("tiny", SEED).open(task.extraCharacters());
        CausalLM policy = lm.model();
        Tokenizer tok = lm.tokenizer();
        CompileResult compiled = RewardProgram.compile(Path.of(rewardFile));
        if (!compiled.ok()) throw new IllegalStateException(compiled.render());
        GrpoConfig cfg = GrpoConfig.builder().set(GrpoConfig::numGenerations, 4).set(GrpoConfig::promptsPerStep, 4)
                .set(GrpoConfig::maxCompletionLength, 24).set(GrpoConfig::learningRate, 1e-4).set(GrpoConfig::temperature, 1.0)
                .set(GrpoConfig::lossType, LossType.DAPO).set(GrpoConfig::beta, 0.04).set(GrpoConfig::maxSteps, STEPS)
                .set(GrpoConfig::warmupSteps, 0).set(GrpoConfig::seed, SEED).set(GrpoConfig::logCompletionsSteps, STEPS + 1)
                .build();
        GrpoTrainer t = new GrpoTrainer(policy, tok, compiled.orThrow(), task.problems(Split.TRAIN, 64), task.template(), cfg);
        List<List<List<Generation>>> sampled = new ArrayList<>();
        RolloutSampler own = new Generator(policy, tok)::generateTokens;
        t.sampler((prompts, n, params) -> {
            int call = sampled.size();
            List<List<Generation>> g = replay == null ? own.sample(prompts, n, params) : fromJson(replay.get(call).get("rollouts"), prompts);
            sampled.add(g);
            return g;
        });
        ObjectNode out = JSON.createObjectNode();
        out.put("backend", policy.backend().name());
        out.set("init", checksum(policy));
        List<TokenBatch> fixed = List.of(fixedSequences(task, tok));
        ArrayNode steps = out.putArray("steps"), scored = out.putArray("scored");
        for (int s = 0; s < STEPS; s++) {
            if (s == SCORED_AT[scored.size()]) scored.add(score(policy, fixed.get(0)));
            StepMetrics m = t.trainStep();
            ObjectNode row = steps.addObject();
            for (String k : List.of("loss", "reward", "kl", "grad_norm")) row.put(k, m.get(k));
            if (sampled.size() != s + 1) throw new IllegalStateException("step " + s + " sampled " + (sampled.size() - s) + " times");
            row.set("rollouts", toJson(sampled.get(s)));
        }
        scored.add(score(policy, fixed.get(0)));
        t.close();        // the optimiser's moments and the reference model (device memory is freed by close)
        policy.close();
        return out;
    }

    /** Sum and sum of squares of every weight (f64): the two runs must start from the same model. */
    private static ObjectNode checksum(CausalLM m) {
        double sum = 0, sq = 0;
        for (String n : m.parameters().names()) {
            for (float x : m.parameters().weight(n).toFloats()) { sum += x; sq += (double) x * x; }
        }
        ObjectNode c = JSON.createObjectNode();
        c.put("sum", (float) sum);       // rounded to f32: the same weights summed in the same order on the host
        c.put("sum_sq", (float) sq);
        return c;
    }

    /** Four held-out prompts with their worked answers, right-padded: scored teacher-forced, never trained on. */
    private static TokenBatch fixedSequences(ArithmeticTask task, Tokenizer tok) {
        List<Problem> ps = task.problems(Split.TEST, 4);
        int[][] rows = new int[ps.size()][];
        int[] prompt = new int[ps.size()], len = new int[ps.size()];
        int width = 0;
        for (int i = 0; i < ps.size(); i++) {
            int[] p = tok.encode(task.template().render(ps.get(i)));
            int[] c = tok.encode("<think>" + ps.get(i).question() + "</think>\n<answer>" + ps.get(i).reference() + "</answer>");
            rows[i] = new int[p.length + c.length];
            System.arraycopy(p, 0, rows[i], 0, p.length);
            System.arraycopy(c, 0, rows[i], p.length, c.length);
            prompt[i] = p.length;
            len[i] = rows[i].length;
            width = Math.max(width, len[i]);
        }
        for (int i = 0; i < rows.length; i++) {
            int[] padded = new int[width];
            java.util.Arrays.fill(padded, tok.padId());
            System.arraycopy(rows[i], 0, padded, 0, rows[i].length);
            rows[i] = padded;
        }
        return new TokenBatch(rows, prompt, len);
    }

    private static ArrayNode score(CausalLM m, TokenBatch b) {
        ArrayNode rows = JSON.createArrayNode();
        try (ForwardPass fp = m.forward(b, 1f, false)) {
            for (float[] r : fp.logprobs()) {
                ArrayNode a = rows.addArray();
                for (float x : r) a.add(x);
            }
        }
        return rows;
    }

    private static ArrayNode toJson(List<List<Generation>> groups) {
        ArrayNode a = JSON.createArrayNode();
        for (List<Generation> group : groups) {
            ArrayNode ga = a.addArray();
            for (Generation g : group) {
                ObjectNode o = ga.addObject();
                ArrayNode p = o.putArray("prompt"), t = o.putArray("tokens"), lp = o.putArray("logprobs");
                for (int x : g.promptTokens()) p.add(x);
                for (int x : g.tokens()) t.add(x);
                for (float x : g.logprobs()) lp.add(x);
                o.put("text", g.text());
                o.put("finish", g.finishReason().name());
            }
        }
        return a;
    }

    /** The recorded completions for this call's prompts (which must be the recorded prompts). */
    private static List<List<Generation>> fromJson(JsonNode groups, List<int[]> prompts) {
        if (groups == null || groups.size() != prompts.size())
            throw new IllegalStateException("replay: the golden has " + (groups == null ? 0 : groups.size()) + " groups here, the trainer asks for "
                    + prompts.size());
        List<List<Generation>> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Generation> group = new ArrayList<>();
            for (JsonNode o : groups.get(i)) {
                int[] p = ints(o.get("prompt")), t = ints(o.get("tokens"));
                if (!java.util.Arrays.equals(p, prompts.get(i)))
                    throw new IllegalStateException("replay: prompt " + i + " differs from the recorded one (the data order changed)");
                float[] lp = new float[o.get("logprobs").size()];
                for (int k = 0; k < lp.length; k++) lp[k] = (float) o.get("logprobs").get(k).asDouble();
                group.add(new Generation(p, t, o.get("text").asText(), lp, FinishReason.valueOf(o.get("finish").asText())));
            }
            out.add(group);
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }
}
