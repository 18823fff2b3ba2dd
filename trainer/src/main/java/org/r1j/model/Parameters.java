package org.r1j.model;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.backend.nd4j.HostArrays;

/**
 * The model's parameter tensors and their gradients, by Hugging Face name, in a fixed order, in the memory of the
 * model's backend. Shapes follow the checkpoint layout: Linear weights are (out, in). Checkpoint IO reaches them as
 * ND4J host arrays through {@link #hostWeight} and {@link #assignHost} (free on the CPU backends, a copy on a device).
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

    /** Weight {@code name} as a host array, for checkpoint IO: a view on the CPU backends, a copy otherwise. */
    default INDArray hostWeight(String name) {
        return HostArrays.of(weight(name));
    }

    /** Copies a host array (same shape, any float dtype) into weight {@code name}, cast to the model's dtype. */
    default void assignHost(String name, INDArray values) {
        Tensor w = weight(name);
        if (!Arrays.equals(values.shape(), w.shape()))
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(values.shape())
                    + ", the model has " + Arrays.toString(w.shape()));
        HostArrays.copy(w, values);
    }

    /** Copies every weight of {@code other} (the same names and shapes, possibly another backend) into this one. */
    default void copyFrom(Parameters other) {
        for (String n : names()) {
            if (other.backend() == backend()) backend().copy(weight(n), other.weight(n));
            else assignHost(n, other.hostWeight(n));
        }
    }
}
