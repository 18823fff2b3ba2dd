package org.r1j.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.r1j.io.AtomicFiles;

/**
 * {@code best/} beside a run's checkpoints: the model directory of the step with the best value of one logged metric
 * (TRL's {@code metric_for_best_model}), with {@code best.json} saying which step and value. A resumed run reads
 * {@code best.json} back, so "best" means best over the whole run, not since the restart.
 */
public final class BestModel {
    static final String STATE = "best.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String metric;
    private final boolean higherIsBetter;
    private final Consumer<Path> save;
    private int bestStep = -1;
    private double bestValue = Double.NaN;

    /**
     * @param dir            the {@code best/} folder (created on the first save)
     * @param save           writes the current model into a folder (weights, config, tokenizer)
     */
    public BestModel(Path dir, String metric, boolean higherIsBetter, Consumer<Path> save) {
        this.dir = dir;
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
        this.save = save;
        Path state = dir.resolve(STATE);
        if (Files.isRegularFile(state)) {
            try {
                JsonNode n = JSON.readTree(state.toFile());
                bestStep = n.get("step").asInt();
                bestValue = n.get("value").asDouble();
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException(state + " is unreadable (delete best/ to start over): " + e.getMessage(), e);
            }
        }
    }

    public Path dir() { return dir; }
    public String metric() { return metric; }
    /** The best step so far, -1 before the first evaluation. */
    public int step() { return bestStep; }
    public double value() { return bestValue; }

    /** Saves the model as the new best when {@code metrics} holds a better value of the metric; true when it did. */
    public boolean offer(int step, Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("metric_for_best_model '" + metric + "' is not logged; logged: " + metrics.keySet());
        }
        if (v.isNaN()) return false;
        boolean better = bestStep < 0 || (higherIsBetter ? v > bestValue : v < bestValue);  // ties keep the earlier step
        if (!better) return false;
        save.accept(dir);
        bestStep = step;
        bestValue = v;
        try {
            AtomicFiles.writeString(dir.resolve(STATE), JSON.writeValueAsString(Map.of("step", step, "metric", metric, "value", v)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
