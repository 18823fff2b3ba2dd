package org.r1j.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length, a JSON header
 * ({@code name → {dtype, shape, data_offsets}} plus optional string {@code __metadata__}), then raw little-endian
 * tensor data. Reading memory-maps each tensor's bytes into a {@link HostArray}, F32/F16/BF16/F64 as f32 (I32/I64
 * stay integers); writing stores FLOAT arrays as F32, DOUBLE as F64, INT as I32 and LONG as I64. Plain Java on heap
 * arrays: no backend and no native library is involved. Writes are atomic (temp file + rename).
 *
 * <p>Also the general container for anything r1j stores next to the weights (optimiser state, run metadata).
 */
public final class Safetensors {
    /** A header larger than this is certainly corrupt (real checkpoints have headers of a few hundred KB). */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** Shape and type of one tensor, from the header alone. */
    public record TensorInfo(String dtype, long[] shape) {
    }

    /** Every tensor and the metadata of {@code file}. */
    public static TensorFile read(Path file) {
        return read(file, name -> true);
    }

    /** The tensors of {@code file} whose names pass {@code wanted}, and its metadata. */
    public static TensorFile read(Path file, Predicate<String> wanted) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(ch, file);
            Map<String, HostArray> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> e : header.entries.entrySet()) {
                if (wanted.test(e.getKey())) {
                    tensors.put(e.getKey(), load(ch, header.dataStart, e.getValue(), file, e.getKey()));
                }
            }
            return new TensorFile(tensors, header.metadata);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Names, dtypes and shapes of the tensors in {@code file}, without reading their data. */
    public static Map<String, TensorInfo> header(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Map<String, TensorInfo> out = new LinkedHashMap<>();
            readHeader(ch, file).entries.forEach((k, v) -> out.put(k, new TensorInfo(v.dtype.name(), v.shape)));
            return out;
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code tensors} (in map order) without metadata. */
    public static void write(Path file, Map<String, HostArray> tensors) {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} (in map order) and string {@code metadata}, each in its own type (FLOAT as F32). */
    public static void write(Path file, Map<String, HostArray> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostArray> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) throw new CheckpointException(file + ": tensor name __metadata__ is reserved");
            HostArray t = e.getValue();
            DType dtype = DType.forWrite(t.dtype(), file + ": tensor " + name);
            long bytes = t.length() * dtype.size;
            ObjectNode info = header.putObject(name);
            info.put("dtype", dtype.name());
            var shape = info.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = paddedHeader(header);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            out.write(len.array());
            out.write(headerBytes);
            for (HostArray t : tensors.values()) writeData(out, t);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Entry(DType dtype, long[] shape, long begin, long end) {
    }

    private record Header(Map<String, Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Header readHeader(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) throw new CheckpointException(file + ": not a safetensors file (only " + size + " bytes)");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (n <= 0 || n > MAX_HEADER_BYTES || 8 + n > size) {
            throw new CheckpointException(file + ": corrupt safetensors header length " + n + " (file has " + size
                    + " bytes); the file is truncated or not safetensors");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8);
        JsonNode root;
        try {
            root = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": corrupt safetensors header (invalid JSON: "
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new CheckpointException(file + ": safetensors header is not a JSON object");
        long dataStart = 8 + n;
        long dataSize = size - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("__metadata__")) {
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String where = file + ": tensor " + name;
            if (!v.has("dtype") || !v.has("shape") || !v.has("data_offsets") || v.get("data_offsets").size() != 2) {
                throw new CheckpointException(where + ": header entry lacks dtype/shape/data_offsets");
            }
            DType dtype = DType.parse(v.get("dtype").asText(), where);
            long[] shape = new long[v.get("shape").size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = v.get("shape").get(i).asLong();
                if (shape[i] < 0) throw new CheckpointException(where + ": negative dimension in shape");
                count *= shape[i];
            }
            long begin = v.get("data_offsets").get(0).asLong();
            long end = v.get("data_offsets").get(1).asLong();
            if (begin < 0 || end < begin || end > dataSize) {
                throw new CheckpointException(where + ": data_offsets [" + begin + ", " + end + "] outside the "
                        + dataSize + " data bytes; the file is truncated or corrupt");
            }
            if (end - begin != count * dtype.size) {
                throw new CheckpointException(where + ": " + (end - begin) + " bytes for shape "
                        + java.util.Arrays.toString(shape) + " of " + dtype + " (expected " + count * dtype.size + ")");
            }
            entries.put(name, new Entry(dtype, shape, begin, end));
        }
        return new Header(entries, metadata, dataStart);
    }

    private static HostArray load(FileChannel ch, long dataStart, Entry e, Path file, String name) throws IOException {
        long count = (e.end - e.begin) / e.dtype.size;
        if (count > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + ": tensor " + name + " has " + count + " elements; more than a Java array holds");
        }
        ByteBuffer buf = count == 0 ? ByteBuffer.allocate(0)
                : ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin, e.end - e.begin);
        buf.order(ByteOrder.LITTLE_ENDIAN);
        if (e.dtype.isFloating()) {
            float[] data = new float[(int) count];
            e.dtype.decodeFloats(buf, data);
            return HostArray.of(data, e.shape);
        }
        if (e.dtype == DType.I32) {
            int[] data = new int[(int) count];
            buf.asIntBuffer().get(data);
            return HostArray.of(data, e.shape);
        }
        long[] data = new long[(int) count];
        buf.asLongBuffer().get(data);
        return HostArray.of(data, e.shape);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) throw new IOException("unexpected end of file");
        }
    }

    /** The header JSON padded with spaces to a multiple of 8 bytes, so tensor data stays aligned. */
    private static byte[] paddedHeader(ObjectNode header) {
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Streams one array's elements (row-major, little endian) in chunks of 2 MiB, to keep the heap small. */
    private static void writeData(OutputStream out, HostArray t) throws IOException {
        int n = Math.toIntExact(t.length());
        int chunk = 1 << 18;
        ByteBuffer buf = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            buf.clear();
            switch (t.dtype()) {   // bulk copies
                case FLOAT -> buf.asFloatBuffer().put(t.floats(), start, len);
                case DOUBLE -> buf.asDoubleBuffer().put(t.doubles(), start, len);
                case INT -> buf.asIntBuffer().put(t.ints(), start, len);
                case LONG -> buf.asLongBuffer().put(t.longs(), start, len);
                default -> throw new IllegalStateException("unexpected type " + t.dtype());
            }
            out.write(buf.array(), 0, len * DType.forWrite(t.dtype(), "").size);
        }
    }
}
