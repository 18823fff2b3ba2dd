package org.r1j.pipeline.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;

class MixedScriptTaskTest {

    @Test
    void coldStartMixesScriptsInTheConfiguredShareAndStaysCorrect() {
        MixedScriptTask task = new MixedScriptTask(2);
        List<SftExample> cold = task.coldStart(600);
        List<Problem> train = task.problems(Split.TRAIN, 600);
        double share = MixedScriptTask.mixedShare(cold.stream().map(SftExample::completion).toList());
        assertEquals(0.5, share, 0.05, "about half the reasoning mixes in Chinese words");
        for (int i = 0; i < cold.size(); i++) {
            assertTrue(task.checker().isCorrectCompletion(train.get(i), cold.get(i).completion()), cold.get(i).toString());
            assertTrue(cold.get(i).completion().length() <= 90, cold.get(i).completion());
            assertEquals("en", train.get(i).fields().get("language"));
        }
        assertEquals(0.0, MixedScriptTask.mixedShare(new MixedScriptTask(2, 20, 0.0, null).coldStart(200).stream()
                .map(SftExample::completion).toList()));
        assertEquals(1.0, MixedScriptTask.mixedShare(new MixedScriptTask(2, 20, 1.0, null).coldStart(200).stream()
                .map(SftExample::completion).toList()));
    }

    @Test
    void mixingReplacesAtLeastOneWordAndOnlyKnownOnes() {
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < 100; i++) {
            String m = MixedScriptTask.mix("3 apples plus 5 apples is 8", rng);
            assertTrue(m.matches("3 (apples|苹果) (plus|加) 5 (apples|苹果) (is|是) 8"), m);
            assertTrue(!m.equals("3 apples plus 5 apples is 8"), m);
        }
        Problem p = new MixedScriptTask(4).problems(Split.TEST, 1).get(0);
        assertTrue(p.question().endsWith("?"), p.question());
    }

    @Test
    void referencesAreTheStoriesArithmetic() {
        java.util.regex.Pattern num = java.util.regex.Pattern.compile("\\d+");
        int boxes = 0;
        for (Problem p : new MixedScriptTask(9).problems(Split.TRAIN, 600)) {
            java.util.regex.Matcher m = num.matcher(p.question());
            m.find();
            long a = Long.parseLong(m.group());
            m.find();
            long b = Long.parseLong(m.group());
            long want = p.question().startsWith("Tom") ? a + b : p.question().startsWith("Ann") ? a - b : a * b;
            assertEquals(Long.toString(want), p.reference(), p.question());
            if (p.question().contains("boxes")) {
                boxes++;
                assertTrue(b >= 2 && b <= 9, "one-digit eggs per box: " + p.question());
            }
        }
        assertTrue(boxes > 100, "all three stories appear: " + boxes);
    }
}
