package org.r1j.cuda.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How GrpoParity judges a run against the recorded CPU run (on hand-made runs; the real ones need a backend). */
class GrpoParityJudgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run of STEPS steps: loss 0.1·(s+1), tokens [s, s] per step, fixed scored log-probs. */
    private static ObjectNode run() {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("init").put("sum", 1.5f).put("sum_sq", 2.5f);
        ArrayNode steps = r.putArray("steps");
        for (int s = 0; s < GrpoParity.STEPS; s++) {
            ObjectNode st = steps.addObject().put("loss", 0.1 * (s + 1)).put("reward", 0.5).put("kl", 1e-4 * s).put("grad_norm", 0.6);
            st.putArray("rollouts").addArray().addObject().put("text", "x").putArray("tokens").add(s).add(s);
        }
        ArrayNode scored = r.putArray("scored");
        for (int i = 0; i < GrpoParity.SCORED_AT.length; i++) scored.addArray().addArray().add(-1.25).add(-2.5);
        return r;
    }

    private static JsonNode judge(ObjectNode run, JsonNode golden, boolean free) {
        return GrpoParity.judge("t", run, golden, GrpoParity.Limits.F32, free, new StringBuilder()).json();
    }

    @Test
    void identicalRunsPass() {
        JsonNode v = judge(run(), run(), true);
        assertTrue(v.get("pass").asBoolean());
        assertEquals(-1, v.get("first_divergent_step").asInt());
    }

    @Test
    void theFirstStepIsHeldTightAndLaterStepsToAdamWsDrift() {
        ObjectNode r = run();
        ((ObjectNode) r.get("steps").get(0)).put("grad_norm", 0.6 * 1.001);   // step 1: 1e-4 relative
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
        r = run();
        ((ObjectNode) r.get("steps").get(3)).put("grad_norm", 0.6 * 1.005);   // step 4: within 1e-2 (+1e-3 of 0.6)
        assertTrue(judge(r, run(), false).get("pass").asBoolean());
        ((ObjectNode) r.get("steps").get(3)).put("loss", 0.4 * 1.05);          // 5% off: fails
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
    }

    @Test
    void aRewardDifferenceOnTheSameTokensFails() {
        ObjectNode r = run();
        ((ObjectNode) r.get("steps").get(0)).put("reward", 0.5000001);
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
    }

    @Test
    void freeRunsAreComparedUntilTheirCompletionsDiverge() {
        ObjectNode r = run();
        for (int s = 5; s < GrpoParity.STEPS; s++) {
            ObjectNode st = (ObjectNode) r.get("steps").get(s);
            st.put("loss", -7.0);   // another trajectory after the divergence: not judged
            ((ArrayNode) st.get("rollouts").get(0).get(0).get("tokens")).set(1, 99);
        }
        ((ArrayNode) r.get("scored").get(2).get(0)).set(0, -9.0);   // after step 20: after the divergence
        JsonNode v = judge(r, run(), true);
        assertTrue(v.get("pass").asBoolean(), v.toString());
        assertEquals(5, v.get("first_divergent_step").asInt());
        assertFalse(v.get("teacher_forced").get(2).get("judged").asBoolean());
        assertTrue(v.get("teacher_forced").get(0).get("judged").asBoolean());
        // the same differences in a replay (same completions by construction) fail
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
    }

    @Test
    void teacherForcedLogProbsAtStepZeroUseTheTightLimit() {
        ObjectNode r = run();
        ((ArrayNode) r.get("scored").get(0).get(0)).set(0, -1.25 + 5e-4);   // over 1e-4, under 5e-3
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
        r = run();
        ((ArrayNode) r.get("scored").get(1).get(0)).set(0, -1.25 + 5e-4);   // after step 10: limit 5e-3
        assertTrue(judge(r, run(), false).get("pass").asBoolean());
        ((ArrayNode) r.get("scored").get(1).get(0)).set(0, -1.25 + 1e-2);
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
    }

    @Test
    void differentInitialWeightsFail() {
        ObjectNode r = run();
        ((ObjectNode) r.get("init")).put("sum", 1.5001f);
        assertFalse(judge(r, run(), false).get("pass").asBoolean());
    }
}
