package org.r1j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SFT's lr_scheduler_type: the names the one LrSchedule implements, and a clear error for anything else. */
class SftConfigTest {
    @Test
    void takesEverySchedulerTheSharedScheduleHasWithoutAFloor() {
        for (String type : SftConfig.SCHEDULES) {
            SftConfig c = SftConfig.KNOBS.fromMap(Map.of("lr_scheduler_type", type, "max_steps", 50));
            assertEquals(type, c.lrSchedulerType());
        }
        SftConfig linear = SftConfig.KNOBS.fromMap(Map.of("lr_scheduler_type", "linear", "max_steps", 50, "warmup_steps", 0,
                "learning_rate", 0.01));
        // the trainer's schedule for it: a straight line from the peak to 0 at max_steps
        var schedule = org.r1j.optim.LrSchedule.of(linear.lrSchedulerType(), linear.learningRate(), linear.warmupSteps(),
                linear.maxSteps(), 0);
        assertEquals(0.01, schedule.lr(0), 1e-12);
        assertEquals(0.005, schedule.lr(25), 1e-12);
    }

    @Test
    void anUnknownSchedulerNamesTheOnesThereAre() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SftConfig.KNOBS.fromMap(Map.of("lr_scheduler_type", "warmup_stable_decay")));
        assertTrue(e.getMessage().contains("constant, cosine, linear"), e.getMessage());
        assertTrue(e.getMessage().contains("warmup_stable_decay"), e.getMessage());
    }
}
