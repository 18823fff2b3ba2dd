package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.Profile;

/** The attention softmax in ND4J ops (the {@code nd4j} backend's; see {@link org.r1j.model.layers.Attention}). */
public final class Nd4jSoftmax {
    private Nd4jSoftmax() {}

    /** {@code att = softmax(att + mask)} over the last axis, in place. */
    public static void masked(INDArray att, INDArray mask) {
        addMask(att, mask.ordering() == 'c' && Shape.hasDefaultStridesForShape(mask) ? mask : mask.dup('c'));
        Profile.mark("fwd attention: mask");
        Nd4j.exec(new SoftMax(att, att, -1));
        Profile.mark("fwd attention: softmax");
    }

    /** {@code att += mask}, broadcast over rows and heads; mask (B or 1, 1, rows, S) as att's last two dimensions. */
    private static void addMask(INDArray att, INDArray mask) {
        if (mask.size(0) == 1 && att.ordering() == 'c' && Shape.hasDefaultStridesForShape(att)) {
            // one mask for every row and head: a 2-D row broadcast ran ~2x faster than the 4-D one
            att.reshape(att.size(0) * att.size(1), att.size(2) * att.size(3)).addiRowVector(mask.reshape(mask.length()));
        } else {
            att.addi(mask);
        }
    }
}
