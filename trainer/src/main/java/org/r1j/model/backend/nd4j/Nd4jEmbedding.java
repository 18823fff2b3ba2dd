package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Token embedding lookup in ND4J ops (the nd4j backend's {@code gather} and {@code scatterAdd}): a row gather forward, a scatter-add backward. */
public final class Nd4jEmbedding {
    private Nd4jEmbedding() {}

    /**
     * @param out    (N, C) written
     * @param tokens (N) int token ids
     * @param wte    (V, C)
     */
    public static void forward(INDArray out, INDArray tokens, INDArray wte) {
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(wte, tokens).addOutputs(out).addIntegerArguments(0).build());
    }

    /** Forward was {@code out[n] = wte[tokens[n]]}, so {@code dwte[tokens[n]] += dout[n]} (repeats add up). */
    public static void backward(INDArray dwte, INDArray dout, INDArray tokens) {
        // lock = true: libnd4j's scatter_add otherwise splits the indices over its OpenMP threads, and two threads
        // adding into the row of a repeated token race (lost updates: with OMP_NUM_THREADS > 1 the same seed gave a
        // different, wrong embedding gradient from run to run); locked, it runs the indices in order on one thread
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(dwte, tokens, dout).addOutputs(dwte)
                .addBooleanArguments(true).build());
    }
}
