package org.r1j.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model's parameter tensors and their gradients, by Hugging Face name, in a fixed order.
 * Shapes follow the checkpoint layout: Linear weights are (out, in).
 */
public interface Parameters {
    List<String> names();

    INDArray weight(String name);

    /** Gradient with the weight's shape, accumulated by {@link ForwardPass#backward}. */
    INDArray grad(String name);

    /** Total number of scalars. */
    default long count() {
        return names().stream().mapToLong(n -> weight(n).length()).sum();
    }
}
