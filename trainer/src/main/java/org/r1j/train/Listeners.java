package org.r1j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Fans callbacks out to several listeners; a listener that throws is reported once and dropped. */
public final class Listeners implements TrainingListener {
    private final List<TrainingListener> listeners = new ArrayList<>();

    public Listeners add(TrainingListener l) {
        if (l != null) listeners.add(l);
        return this;
    }

    private void each(Consumer<TrainingListener> call) {
        for (TrainingListener l : List.copyOf(listeners)) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                System.err.println("r1j: training listener " + l.getClass().getName() + " failed and was removed: " + e);
                listeners.remove(l);
            }
        }
    }

    @Override public void onStart(String stage, int firstStep, int maxSteps) { each(l -> l.onStart(stage, firstStep, maxSteps)); }
    @Override public void onStep(StepMetrics m) { each(l -> l.onStep(m)); }
    @Override public void onCheckpoint(int step, Path dir) { each(l -> l.onCheckpoint(step, dir)); }
    @Override public void onEnd(int lastStep, boolean interrupted) { each(l -> l.onEnd(lastStep, interrupted)); }
}
