package org.r1j.pipeline.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one stage did.
 *
 * @param index   1-based position in the pipeline
 * @param kind    the stage's kind
 * @param dir     its folder (model/, data.jsonl, metrics.csv, eval.csv, …)
 * @param seconds wall time (0 when skipped on resume)
 * @param results the stage's numbers, in display order
 * @param resumed true when a finished stage was skipped on --resume
 */
public record StageOutcome(int index, String kind, Path dir, double seconds, Map<String, String> results,
                           boolean resumed) {
    public StageOutcome {
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
    }
}
