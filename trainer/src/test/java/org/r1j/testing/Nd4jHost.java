package org.r1j.testing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.io.HostArray;

/** Tests' bridge between r1j's {@link HostArray} and ND4J arrays (main code outside the CPU backends has none). */
public final class Nd4jHost {
    private Nd4jHost() {}

    /** A copy of {@code h} as an ND4J array of its type and shape. */
    public static INDArray nd4j(HostArray h) {
        INDArray a = switch (h.dtype()) {
            case FLOAT -> Nd4j.createFromArray(h.floats());
            case DOUBLE -> Nd4j.createFromArray(h.doubles());
            case INT -> Nd4j.createFromArray(h.ints());
            default -> Nd4j.createFromArray(h.longs());
        };
        return h.rank() == 0 ? a.reshape() : a.reshape('c', h.shape());
    }

    /** A copy of {@code a} (FLOAT, DOUBLE, INT or LONG) as a host array. */
    public static HostArray host(INDArray a) {
        INDArray c = a.dup('c');
        return switch (a.dataType()) {
            case FLOAT -> HostArray.of(c.data().asFloat(), a.shape());
            case DOUBLE -> HostArray.of(c.data().asDouble(), a.shape());
            case INT -> HostArray.of(c.data().asInt(), a.shape());
            case LONG -> HostArray.of(c.data().asLong(), a.shape());
            default -> throw new IllegalArgumentException("no host array for ND4J type " + a.dataType());
        };
    }
}
