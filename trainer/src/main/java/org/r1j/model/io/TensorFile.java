package org.r1j.model.io;

import java.util.Map;

/**
 * The content of a safetensors file: tensors by name (file order) and the string metadata of its header.
 *
 * @param tensors  floating tensors as FLOAT host arrays, integer tensors as INT/LONG, shapes as in the file
 * @param metadata the header's {@code __metadata__} entries (empty when absent)
 */
public record TensorFile(Map<String, HostArray> tensors, Map<String, String> metadata) {
    public TensorFile {
        tensors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tensors));
        metadata = Map.copyOf(metadata);
    }

    /** The tensor called {@code name}; throws naming the file's tensors when it is absent. */
    public HostArray tensor(String name) {
        HostArray t = tensors.get(name);
        if (t == null) throw new CheckpointException("no tensor named " + name + " (have " + tensors.keySet() + ")");
        return t;
    }
}
