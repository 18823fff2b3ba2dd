package org.r1j.pipeline.data;

import java.util.Map;

/**
 * One task instance: what the model is asked and the reference the verifiers check against.
 *
 * @param id        stable identifier (task name + seed + index, or the dataset line)
 * @param question  the problem text, before any prompt template
 * @param reference the reference answer (what `reference` means in a reward file)
 * @param fields    other dataset fields, visible to reward files by name
 *                  (Serializable, like {@link SftExample}: Spark ships problems to its executors)
 */
public record Problem(String id, String question, String reference, Map<String, Object> fields)
        implements org.r1j.grpo.VerifiableProblem, java.io.Serializable {
    public Problem {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
