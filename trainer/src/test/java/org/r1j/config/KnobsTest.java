package org.r1j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.grpo.GrpoConfig;
import org.r1j.grpo.LossType;
import org.r1j.pipeline.eval.EvalConfig;
import org.r1j.pipeline.eval.InRunEval;
import org.r1j.pipeline.rejection.RejectionConfig;
import org.r1j.train.SftConfig;

class KnobsTest {
    enum Colour { RED, DARK_BLUE }

    record Sample(@Knob(value = "8", doc = "an int") int count,
                  @Knob(value = "1e-3", doc = "YAML 1.1 reads 1e-3 as text; it is a number here") double rate,
                  @Knob(value = "dark_blue", doc = "an enum by its lower-case name") Colour colour,
                  @Knob(value = "null", doc = "nullable", aliases = "old_limit") Double limit,
                  @Knob(value = "[</answer>]", doc = "a list", yaml = "stop") List<String> stopStrings,
                  @Knob(value = "{}", doc = "a map") Map<String, Double> minRewards,
                  @Knob(value = "null", doc = "a path") Path outputDir) {
        Sample {
            if (count < 1) throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
    }

    record Undeclared(@Knob(value = "1", doc = "x") int a, int b) {}

    private static final Knobs<Sample> KNOBS = Knobs.of(Sample.class, "sample");

    @Test
    void defaultsKeysAndTheRoundTrip() {
        Sample d = KNOBS.defaults();
        assertEquals(new Sample(8, 1e-3, Colour.DARK_BLUE, null, List.of("</answer>"), Map.of(), null), d);
        assertEquals(List.of("count", "rate", "colour", "limit", "stop", "min_rewards", "output_dir"), KNOBS.keys());
        Sample s = KNOBS.fromMap(Map.of("count", "3", "rate", 0.5, "colour", "RED", "old_limit", 2, "stop", List.of("x"),
                "min_rewards", Map.of("format", 1), "output_dir", "runs/a"));
        assertEquals(new Sample(3, 0.5, Colour.RED, 2.0, List.of("x"), Map.of("format", 1.0), Path.of("runs/a")), s);
        Map<String, Object> m = KNOBS.toMap(s);
        assertEquals("red", m.get("colour"));
        assertEquals("runs/a", m.get("output_dir"));
        assertEquals(s, KNOBS.fromMap(m));
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("count", null);        // null for a primitive = its default
        assertEquals(8, KNOBS.fromMap(withNull).count());
        assertNull(KNOBS.fromMap(Map.of()).limit());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("unknown sample setting 'cuont'; known: count, rate, colour, limit, stop, min_rewards, output_dir",
                assertThrows(IllegalArgumentException.class, () -> KNOBS.fromMap(Map.of("cuont", 1))).getMessage());
        assertEquals("'count' must be a whole number, got 2.5",
                assertThrows(IllegalArgumentException.class, () -> KNOBS.fromMap(Map.of("count", 2.5))).getMessage());
        assertEquals("'rate' must be a number, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> KNOBS.fromMap(Map.of("rate", "fast"))).getMessage());
        assertEquals("colour must be one of red, dark_blue; got 'green'",
                assertThrows(IllegalArgumentException.class, () -> KNOBS.fromMap(Map.of("colour", "green"))).getMessage());
        assertEquals("'stop' must be a list, got '</answer>'",
                assertThrows(IllegalArgumentException.class, () -> KNOBS.fromMap(Map.of("stop", "</answer>"))).getMessage());
        assertEquals("count must be >= 1, got 0",   // the record's own check
                assertThrows(IllegalArgumentException.class, () -> KNOBS.fromMap(Map.of("count", 0))).getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Knobs.of(Undeclared.class, "u"));
        assertTrue(e.getMessage().contains("Undeclared.b has no @Knob"), e.getMessage());
    }

    @Test
    void buildersNameSettingsByAccessor() {
        Sample s = KNOBS.builder().set(Sample::count, 4).set(Sample::rate, 2).set("colour", "red").build();
        assertEquals(4, s.count());
        assertEquals(2.0, s.rate());
        assertEquals(Colour.RED, s.colour());
        assertEquals(5, KNOBS.builder(s).set(Sample::count, 5).build().count());
        assertEquals(Colour.RED, KNOBS.builder(s).set(Sample::count, 5).build().colour(), "starts from the given config");
        assertEquals("count", KNOBS.setting(Sample::count).key());
    }

    private static <R extends Record> void roundTrip(Knobs<R> k) {
        assertEquals(k.defaults(), k.fromMap(k.toMap(k.defaults())), "toMap and fromMap are inverses");
    }

    @Test
    void everyConfigSettingIsDeclaredOnceWithItsDoc() {
        for (Knobs<?> k : List.of(GrpoConfig.KNOBS, SftConfig.KNOBS, InRunEval.KNOBS, EvalConfig.KNOBS, RejectionConfig.KNOBS)) {
            for (Knobs.Setting s : k.settings()) assertTrue(s.doc().length() > 10, s.key() + " has no real doc");
            roundTrip(k);
        }
        assertEquals(GrpoConfig.class.getRecordComponents().length, GrpoConfig.KNOBS.settings().size());
        assertEquals(SftConfig.defaults(100), SftConfig.KNOBS.defaults());
        assertEquals(10, SftConfig.defaults(100).warmupSteps(), "a tenth of max_steps");
        assertEquals(20, SftConfig.defaults(600).warmupSteps(), "at most 20");
        assertEquals(InRunEval.OFF, InRunEval.take(new java.util.HashMap<>(Map.of("data", "x"))));
        GrpoConfig c = GrpoConfig.builder().set(GrpoConfig::maxGradNorm, 0.5).set(GrpoConfig::lossType, LossType.GRPO).build();
        assertEquals(0.5, c.maxGradNorm());
        assertEquals(LossType.GRPO, c.lossType());
        assertEquals(0.5, c.toMap().get("max_grad_norm"));
        assertEquals(c, GrpoConfig.fromMap(c.toMap()));
    }
}
