package org.r1j.model.io;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The safetensors element types r1j reads. Floating types are widened to f32 on read (the model computes in
 * f32); integer types keep their width (used for token ids in reference files).
 */
enum DType {
    F32(4, true), F16(2, true), BF16(2, true), F64(8, true), I32(4, false), I64(8, false);

    /** Bytes per element in the file. */
    final int size;
    /** Read as a FLOAT {@link HostArray} (else INT or LONG, as wide as in the file). */
    private final boolean floating;

    DType(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    boolean isFloating() {
        return floating;
    }

    static DType parse(String name, String where) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + ": unsupported dtype " + name
                    + " (r1j reads F32, F16, BF16, F64, I32, I64)");
        }
    }

    /** The file type r1j writes for a host array's type. */
    static DType forWrite(DataType type, String where) {
        return switch (type) {
            case FLOAT -> F32;
            case DOUBLE -> F64;
            case INT -> I32;
            case LONG -> I64;
            default -> throw new CheckpointException(where + ": cannot write element type " + type);
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
