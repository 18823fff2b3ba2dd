package org.r1j.dsl;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToIntFunction;
import org.r1j.dsl.ast.Program;
import org.r1j.dsl.check.Checked;
import org.r1j.dsl.check.Checker;
import org.r1j.dsl.check.Imports;
import org.r1j.dsl.compile.Plan;
import org.r1j.dsl.compile.Planner;
import org.r1j.dsl.compile.Scoring;
import org.r1j.dsl.lib.Library;
import org.r1j.dsl.lib.Limits;
import org.r1j.dsl.parse.SourceParser;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Source;

/**
 * A compiled reward file: the public entry point of the reward language (see docs/reward-dsl.md, "Java API").
 * Compiling never throws: problems come back as diagnostics in the {@link CompileResult}. Scoring never throws
 * because of a sample: a reward that cannot decide is unknown (NaN) with its reason in the explanation.
 * Instances are immutable and thread-safe.
 */
public final class RewardProgram implements Rewarder {
    private final Plan plan;
    private final ToIntFunction<String> tokenCounter;

    private RewardProgram(Plan plan, ToIntFunction<String> tokenCounter) {
        this.plan = plan;
        this.tokenCounter = tokenCounter;
    }

    /** Compiles a reward file; its imports resolve against its folder. */
    public static CompileResult compile(Path file) {
        String text;
        try {
            // A strict decoder: a binary or Latin-1 file is reported, not read as replacement characters.
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return failure(file.toString(), "cannot read " + file + ": not UTF-8 text");
        } catch (IOException e) {
            return failure(file.toString(), "cannot read " + file + ": " + (Files.exists(file) ? e.getClass().getSimpleName() : "no such file"));
        }
        Path dir = file.toAbsolutePath().getParent();
        return compile(new Source(file.toString(), text, 1), file, dir == null ? Path.of(".") : dir);
    }

    /** Compiles source text; {@code sourceName} names it in diagnostics; imports resolve against the working directory. */
    public static CompileResult compile(String sourceName, String source) {
        return compile(sourceName, source, 1);
    }

    /**
     * Compiles source text whose first line is line {@code firstLine} of what the user sees (a notebook cell's
     * {@code %%reward} body starts on the cell's line 2), so diagnostics point at the right line.
     */
    public static CompileResult compile(String sourceName, String source, int firstLine) {
        return compile(new Source(sourceName, source, firstLine), null, Path.of("."));
    }

    /** As {@link #compile(String, String, int)}, with imports resolved against {@code importDir}. */
    public static CompileResult compile(String sourceName, String source, int firstLine, Path importDir) {
        return compile(new Source(sourceName, source, firstLine), null, importDir);
    }

    private static CompileResult compile(Source source, Path file, Path importDir) {
        Diagnostics d = new Diagnostics();
        try {
            Program root = SourceParser.parse(source, d);
            // After a syntax error the tree is a guess; checking it would mostly report the guess.
            if (d.hasErrors()) return new CompileResult(java.util.Optional.empty(), d.sorted());
            List<Program> programs = Imports.load(root, file, importDir, d);
            Checked checked = Checker.check(programs, Library.STANDARD, d);
            if (d.hasErrors()) return new CompileResult(java.util.Optional.empty(), d.sorted());
            Plan plan = Planner.plan(checked, Limits.DEFAULT);
            return new CompileResult(java.util.Optional.of(new RewardProgram(plan, null)), d.sorted());
        } catch (StackOverflowError e) {
            d.error(source.span(0, 0), "the program is nested too deeply to compile");
        } catch (RuntimeException | LinkageError e) {
            d.error(source.span(0, 0), "internal error while compiling (please report): " + e);
        }
        return new CompileResult(java.util.Optional.empty(), d.sorted());
    }

    private static CompileResult failure(String name, String message) {
        Diagnostics d = new Diagnostics();
        d.error(new Source(name, "").span(0, 0), message);
        return new CompileResult(java.util.Optional.empty(), d.sorted());
    }

    /** The same program counting tokens with {@code counter} for {@code len(x, "tokens")} (besides the sample's own count). */
    public RewardProgram withTokenCounter(ToIntFunction<String> counter) {
        return new RewardProgram(plan, counter);
    }

    /** The same program under other safety limits. */
    public RewardProgram withLimits(Limits limits) {
        return new RewardProgram(plan.withLimits(limits), tokenCounter);
    }

    public Limits limits() {
        return plan.limits();
    }

    @Override
    public List<String> rewardNames() {
        return plan.rewardNames();
    }

    @Override
    public double weight(String reward) {
        int k = plan.reward(reward);
        if (k < 0) throw new IllegalArgumentException("no reward named " + reward + "; rewards: " + plan.rewardNames());
        return plan.weights()[k];
    }

    /** The declared value of an unknown reward ({@code unknown 0}), or empty when unknown rewards are left out. */
    public OptionalDouble unknownDefault(String reward) {
        int k = plan.reward(reward);
        Double v = k < 0 ? null : plan.unknownDefault()[k];
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The file's {@code language} declaration, or null. */
    public String language() {
        return plan.language();
    }

    /** Whether some reward reads the whole group (group_min, group_mean, …), so groups must be scored together. */
    public boolean usesGroupFunctions() {
        return plan.usesGroup();
    }

    /** Scores one sample as a group of one. */
    public Score score(Sample sample) {
        return scoreGroup(Collections.singletonList(sample)).get(0);
    }

    @Override
    public List<Score> scoreGroup(List<Sample> group) {
        return Scoring.group(plan, group == null ? List.of() : group, tokenCounter);
    }

    /**
     * Scores independent samples in parallel. When the program uses group functions the list is one group (as
     * {@link Rewarder#scoreAll} specifies) and is scored together.
     */
    @Override
    public List<Score> scoreAll(List<Sample> samples) {
        if (samples == null) return List.of();
        if (plan.usesGroup()) return scoreGroup(samples);
        return samples.parallelStream().map(this::score).toList();
    }

    /** Scores many groups, in parallel across groups; result g belongs to group g. */
    public List<List<Score>> scoreGroups(List<List<Sample>> groups) {
        if (groups == null) return List.of();
        return groups.parallelStream().map(this::scoreGroup).toList();
    }

    /** The weighted total of reward values as {@link Score#total()} defines it (unknown = NaN left out). */
    public double total(Map<String, Double> values) {
        double t = 0;
        for (int k = 0; k < plan.rewardNames().size(); k++) {
            Double v = values.get(plan.rewardNames().get(k));
            if (v != null && !v.isNaN()) t += plan.weights()[k] * v;
        }
        return t;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < plan.rewardNames().size(); k++) {
            parts.add(plan.rewardNames().get(k) + " weight " + org.r1j.dsl.lib.Values.number(plan.weights()[k]));
        }
        return "RewardProgram" + parts;
    }

}
