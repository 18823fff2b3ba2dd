package org.r1j.model.io;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The safetensors element types r1j reads. Floating types are widened to f32 on read (the model computes in
 * f32); integer types keep their width (used for token ids in reference files).
 */
enum DType {
    F32(4, DataType.FLOAT), F16(2, DataType.FLOAT), BF16(2, DataType.FLOAT), F64(8, DataType.FLOAT),
    I32(4, DataType.INT), I64(8, DataType.LONG);

    /** Bytes per element in the file. */
    final int size;
    /** ND4J type of the array read from the file. */
    final DataType readAs;

    DType(int size, DataType readAs) {
        this.size = size;
        this.readAs = readAs;
    }

    boolean isFloating() {
        return readAs == DataType.FLOAT;
    }

    static DType parse(String name, String where) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + ": unsupported dtype " + name
                    + " (r1j reads F32, F16, BF16, F64, I32, I64)");
        }
    }

    /** The file type r1j writes for an ND4J array type. */
    static DType forWrite(DataType type, String where) {
        return switch (type) {
            case FLOAT, HALF, BFLOAT16 -> F32;
            case DOUBLE -> F64;
            case INT -> I32;
            case LONG -> I64;
            default -> throw new CheckpointException(where + ": cannot write ND4J type " + type);
        };
    }

    /** Decodes {@code out.length} little-endian elements starting at the buffer's position into f32. */
    void decodeFloats(ByteBuffer in, float[] out) {
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out);
            case F64 -> {
                var d = in.asDoubleBuffer();
                for (int i = 0; i < out.length; i++) out[i] = (float) d.get(i);
            }
            case BF16 -> {
                var s = in.asShortBuffer();
                for (int i = 0; i < out.length; i++) out[i] = HalfFloats.bf16ToFloat(s.get(i));
            }
            case F16 -> {
                var s = in.asShortBuffer();
                for (int i = 0; i < out.length; i++) out[i] = HalfFloats.f16ToFloat(s.get(i));
            }
            default -> throw new IllegalStateException(this + " is not a floating type");
        }
    }
}
