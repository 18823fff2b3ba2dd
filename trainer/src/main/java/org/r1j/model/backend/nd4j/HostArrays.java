package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.Tensor;

/**
 * The one bridge between ND4J host arrays (what checkpoint IO, {@code Safetensors} and Hugging Face loading read and
 * write) and any backend's {@link Tensor}s. On the CPU backends it is free (the tensor is the array); for a device
 * backend it is a host copy, which is what checkpoint IO needs anyway.
 */
public final class HostArrays {
    private HostArrays() {}

    /** The tensor's elements as a host array: the array itself (a view, not a copy) on a CPU backend, else a copy. */
    public static INDArray of(Tensor t) {
        if (t instanceof HostTensor) return HostTensor.array(t);
        INDArray a = t.dtype() == DataType.DOUBLE ? Nd4j.createFromArray(t.toDoubles()) : Nd4j.createFromArray(t.toFloats());
        return a.reshape(t.shape());
    }

    /** {@code dst = src}, cast to dst's dtype; shapes must match. */
    public static void copy(Tensor dst, INDArray src) {
        if (dst instanceof HostTensor) {
            HostTensor.array(dst).assign(src.castTo(dst.dtype()));
            return;
        }
        Tensor staged = src.dataType() == DataType.DOUBLE
                ? dst.backend().fromHost(dst.dtype(), src.dup('c').data().asDouble(), src.shape())
                : dst.backend().fromHost(dst.dtype(), src.dup('c').data().asFloat(), src.shape());
        dst.backend().copy(dst, staged);
        staged.close();
    }
}
