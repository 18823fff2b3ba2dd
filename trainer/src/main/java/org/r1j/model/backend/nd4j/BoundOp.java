package org.r1j.model.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J op with its arrays and arguments bound once, to be run many times. Building an op is most of what a
 * small op costs in ND4J (measured at (16, 256): {@code x.addi(y)} 48 us; the same "add" with a reused context
 * 7 us; a prebuilt legacy scalar op 2.6 us), so the decoding step, which runs the same ~30 small ops per layer
 * for every token, binds them up front (see {@link DecodeStep}).
 */
final class BoundOp implements Runnable {
    private final Op legacy;
    private final DynamicCustomOp custom;
    private final OpContext context;

    private BoundOp(Op legacy, DynamicCustomOp custom, OpContext context) {
        this.legacy = legacy;
        this.custom = custom;
        this.context = context;
    }

    /** A legacy op (transform, scalar, reduce) whose x/y/z are already set. */
    static BoundOp legacy(Op op) {
        return new BoundOp(op, null, null);
    }

    /** A custom (libnd4j declarable) op by name with fixed inputs, outputs and arguments. */
    static BoundOp custom(String name, INDArray[] in, INDArray[] out, long[] iArgs, double[] tArgs) {
        DynamicCustomOp op = DynamicCustomOp.builder(name).addInputs(in).addOutputs(out)
                .addIntegerArguments(toInts(iArgs)).addFloatingPointArguments(box(tArgs)).build();
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.setInputArrays(in);
        ctx.setOutputArrays(out);
        if (iArgs.length > 0) ctx.setIArguments(iArgs);
        if (tArgs.length > 0) ctx.setTArguments(tArgs);
        return new BoundOp(null, op, ctx);
    }

    /** {@code out = op(a) op(b) * alpha + beta * out} (batched over leading dimensions). */
    static BoundOp matmul(INDArray a, INDArray b, INDArray out, boolean ta, boolean tb, double alpha, double beta) {
        return custom("matmul", new INDArray[] {a, b}, new INDArray[] {out}, new long[] {ta ? 1 : 0, tb ? 1 : 0, 0},
                new double[] {alpha, beta});
    }

    /** {@code out = a * b} with NumPy broadcasting. */
    static BoundOp multiply(INDArray a, INDArray b, INDArray out) {
        return custom("multiply", new INDArray[] {a, b}, new INDArray[] {out}, new long[0], new double[0]);
    }

    /** {@code out = a + b} with NumPy broadcasting. */
    static BoundOp add(INDArray a, INDArray b, INDArray out) {
        return custom("add", new INDArray[] {a, b}, new INDArray[] {out}, new long[0], new double[0]);
    }

    /** {@code out = a^T} (a matrix). */
    static BoundOp transpose(INDArray a, INDArray out) {
        return custom("transpose", new INDArray[] {a}, new INDArray[] {out}, new long[0], new double[0]);
    }

    /** Rows of {@code table} at {@code indices} (int) into {@code out}. */
    static BoundOp gather(INDArray table, INDArray indices, INDArray out) {
        return custom("gather", new INDArray[] {table, indices}, new INDArray[] {out}, new long[] {0}, new double[0]);
    }

    @Override
    public void run() {
        if (legacy != null) Nd4j.getExecutioner().exec(legacy);
        else Nd4j.getExecutioner().exec(custom, context);
    }

    private static int[] toInts(long[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.toIntExact(a[i]);
        return r;
    }

    private static Double[] box(double[] a) {
        Double[] r = new Double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }
}
