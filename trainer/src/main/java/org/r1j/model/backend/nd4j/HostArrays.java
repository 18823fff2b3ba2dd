package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.Tensor;

/**
 * ND4J host arrays ↔ any backend's {@link Tensor}s, for the CPU backends' tests (which compare with ND4J arrays). On
 * the CPU backends it is free (the tensor is the array); for a device backend it is a host copy. Checkpoint IO does
 * not use it: it holds {@code org.r1j.model.io.HostArray}s, which need no ND4J.
 */
public final class HostArrays {
    private HostArrays() {}

    /** The tensor's elements as a host array: the array itself (a view, not a copy) on a CPU backend, else a copy. */
    public static INDArray of(Tensor t) {
        if (t instanceof HostTensor) return HostTensor.array(t);
        INDArray a = t.dtype() == DataType.DOUBLE ? Nd4j.createFromArray(t.toDoubles()) : Nd4j.createFromArray(t.toFloats());
        return a.reshape(t.shape());
    }
}
