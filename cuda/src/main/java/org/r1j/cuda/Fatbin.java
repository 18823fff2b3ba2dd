package org.r1j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed fatbin of r1j's kernels (built by {@code cuda/src/build/build-fatbin.sh}, loaded with
 * {@code cuModuleLoadData}) and what it holds: the fatbin container's entries (kind, target architecture), read
 * from its headers as NVIDIA's {@code fatbinary_section.h} and {@code cuobjdump} lay them out.
 */
public final class Fatbin {
    public static final String RESOURCE = "/org/r1j/cuda/r1j_kernels.fatbin";
    private static final int MAGIC = 0xBA55ED50;

    /** One image: PTX (JIT-compiled by the driver) or an ELF cubin (SASS) for sm_{arch}. */
    public record Image(boolean ptx, int arch, long bytes) {
        @Override
        public String toString() {
            return (ptx ? "compute_" : "sm_") + arch;
        }
    }

    private Fatbin() {}

    /** The fatbin's bytes from the classpath. */
    public static byte[] load() {
        try (InputStream in = Fatbin.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the kernels' fatbin " + RESOURCE + " is not on the classpath (run cuda/src/build/build-fatbin.sh)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The images of a fatbin, in file order; a file that is not one is rejected with the reason. */
    public static List<Image> images(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        if (fatbin.length < 16 || b.getInt(0) != MAGIC)
            throw new IllegalArgumentException("not a fatbin: magic " + (fatbin.length < 4 ? "missing" : Integer.toHexString(b.getInt(0))));
        int headerSize = b.getShort(6) & 0xffff;
        long end = headerSize + b.getLong(8);
        if (end > fatbin.length) throw new IllegalArgumentException("fatbin truncated: " + fatbin.length + " bytes, header says " + end);
        List<Image> images = new ArrayList<>();
        long at = headerSize;
        while (at < end) {
            int p = Math.toIntExact(at);
            int kind = b.getShort(p) & 0xffff;
            long entryHeader = b.getInt(p + 4) & 0xffffffffL, payload = b.getLong(p + 8);
            int arch = b.getInt(p + 28);
            if (kind != 1 && kind != 2) throw new IllegalArgumentException("fatbin entry at " + at + " has kind " + kind + " (1 PTX, 2 ELF)");
            images.add(new Image(kind == 1, arch, payload));
            at += entryHeader + payload;
        }
        return images;
    }
}
