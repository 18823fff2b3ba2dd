package org.r1j.model;

import org.r1j.model.backend.nd4j.HostArrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test models with every weight random (biases and norm gains too), so every path carries signal. */
final class DecoderGradSupport {
    private DecoderGradSupport() {}

    static DecoderModel randomWeights(ModelConfig c, long seed, DataType dtype) {
        return randomWeights(c, seed, dtype, org.r1j.model.backend.Backends.forDtype(dtype));
    }

    static DecoderModel randomWeights(ModelConfig c, long seed, DataType dtype, org.r1j.model.backend.Backend backend) {
        DecoderModel m = DecoderModel.random(c, seed, dtype, backend);
        var rng = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1);
        for (String name : m.parameters().names()) {
            INDArray w = HostArrays.of(m.parameters().weight(name));
            INDArray r = Nd4j.randn(rng, w.shape()).castTo(dtype);
            if (name.endsWith("norm.weight")) w.assign(r.muli(0.2).addi(1));
            else w.assign(r.muli(0.4));
        }
        return m;
    }
}
