package org.r1j.model;

import java.util.Arrays;
import java.util.List;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.io.HostArray;

/**
 * The model's parameter tensors and their gradients, by Hugging Face name, in a fixed order, in the memory of the
 * model's backend. Shapes follow the checkpoint layout: Linear weights are (out, in). Checkpoint IO reaches them as
 * {@link HostArray}s through {@link #hostWeight} and {@link #assignHost} (host copies, on every backend).
 */
public interface Parameters {
    List<String> names();

    Tensor weight(String name);

    /** Gradient with the weight's shape, accumulated by {@link ForwardPass#backward}. */
    Tensor grad(String name);

    /** The backend that holds the tensors (and runs the optimizer on them). */
    Backend backend();

    /** Total number of scalars. */
    default long count() {
        return names().stream().mapToLong(n -> weight(n).length()).sum();
    }

    /** A host copy of weight {@code name}, in the model's dtype, for checkpoint IO. */
    default HostArray hostWeight(String name) {
        return HostArray.copyOf(weight(name));
    }

    /** Copies a host array (same shape, FLOAT or DOUBLE) into weight {@code name}, converted to the model's dtype. */
    default void assignHost(String name, HostArray values) {
        Tensor w = weight(name);
        if (!Arrays.equals(values.shape(), w.shape()))
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(values.shape())
                    + ", the model has " + Arrays.toString(w.shape()));
        values.copyTo(w);
    }

    /** Copies every weight of {@code other} (the same names and shapes, possibly another backend) into this one. */
    default void copyFrom(Parameters other) {
        for (String n : names()) {
            if (other.backend() == backend()) backend().copy(weight(n), other.weight(n));
            else assignHost(n, other.hostWeight(n));
        }
    }
}
