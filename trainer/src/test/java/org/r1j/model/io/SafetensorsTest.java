package org.r1j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class SafetensorsTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsFloatDoubleIntScalarAndMetadata() {
        Map<String, HostArray> t = new LinkedHashMap<>();
        t.put("w", HostArray.of(new float[] {0.5f, -1.25f, Float.MIN_VALUE, 3e38f, -0f, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 3, 5));
        t.put("d", HostArray.of(new double[] {Math.PI, -1e-300}, 2));
        t.put("ids", HostArray.of(new long[] {7, -3, 1L << 40}, 3));
        t.put("ints", HostArray.of(new int[] {1, 2, 3, 4}, 2, 2));
        t.put("s", HostArray.of(new float[] {2.5f}));
        Path f = tmp.resolve("a.safetensors");
        Safetensors.write(f, t, Map.of("step", "12", "note", "héllo"));

        TensorFile back = Safetensors.read(f);
        assertEquals(t.keySet(), back.tensors().keySet());
        assertEquals(Map.of("step", "12", "note", "héllo"), back.metadata());
        assertEquals(t.get("w"), back.tensor("w"));
        assertEquals("F64", Safetensors.header(f).get("d").dtype());   // written as f64, read as f32 (the model's type)
        assertEquals(HostArray.of(new float[] {(float) Math.PI, (float) -1e-300}, 2), back.tensor("d"));
        assertEquals(DataType.LONG, back.tensor("ids").dtype());
        assertArrayEquals(new long[] {7, -3, 1L << 40}, back.tensor("ids").longs());
        assertEquals(DataType.INT, back.tensor("ints").dtype());
        assertEquals(t.get("ints"), back.tensor("ints"));
        assertEquals(0, back.tensor("s").rank());
        assertEquals(2.5f, back.tensor("s").floats()[0]);
        // the header is 8-byte aligned, as the safetensors spec recommends
        assertEquals(0L, headerLength(f) % 8);
    }

    @Test
    void decodesBf16F16AndF64AgainstKnownBitPatterns() throws IOException {
        short[] bf16 = {0x3F80, (short) 0xC000, 0x3E20, 0x7F80, (short) 0xFF80, 0x0000, (short) 0x8000, 0x4049};
        float[] bf16Expected = {1f, -2f, 0.15625f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 3.140625f};
        short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x0400, 0x7C00, (short) 0x8000, 0x3555, 0x03FF};
        float[] f16Expected = {1f, -2f, 65504f, 0x1p-24f, 0x1p-14f, Float.POSITIVE_INFINITY, -0f, 0.333251953125f,
                0x3FFp-24f};
        Path f = tmp.resolve("halves.safetensors");
        ByteBuffer data = ByteBuffer.allocate(bf16.length * 2 + f16.length * 2 + 16).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : bf16) data.putShort(s);
        for (short s : f16) data.putShort(s);
        data.putDouble(Math.PI).putDouble(-1e-3);
        int b0 = bf16.length * 2, f0 = b0 + f16.length * 2;
        String header = "{\"b\":{\"dtype\":\"BF16\",\"shape\":[2,4],\"data_offsets\":[0," + b0 + "]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[9],\"data_offsets\":[" + b0 + "," + f0 + "]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[" + f0 + "," + (f0 + 16) + "]}}";
        writeRaw(f, header, data.array());

        TensorFile tf = Safetensors.read(f);
        assertArrayEquals(bf16Expected, tf.tensor("b").floats());
        assertArrayEquals(new long[] {2, 4}, tf.tensor("b").shape());
        assertArrayEquals(f16Expected, tf.tensor("h").floats());
        assertArrayEquals(new float[] {(float) Math.PI, -1e-3f}, tf.tensor("d").floats());
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7E00)));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat((short) 0x7FC0)));
        // f32 -> bf16 rounds to nearest even, as torch does
        assertEquals((short) 0x3F80, HalfFloats.floatToBf16(1.00390625f));   // halfway between 1 and 1+2^-7: even
        assertEquals((short) 0x3F82, HalfFloats.floatToBf16(1.01171875f)); // halfway, odd below: rounds up to even
        assertEquals((short) 0x3F81, HalfFloats.floatToBf16(1.0087f));
    }

    @Test
    void readsHalfPrecisionFilesWrittenByTheOfficialLibraryAsTorchConvertsThem() throws Exception {
        // written by tests/reference/make_halves_fixture.py with safetensors.torch.save_file
        Path f = Path.of(SafetensorsTest.class.getResource("hf-halves.safetensors").toURI());
        TensorFile tf = Safetensors.read(f);
        assertEquals(Map.of("format", "pt"), tf.metadata());
        assertEquals("BF16", Safetensors.header(f).get("model.embed_tokens.weight").dtype());
        assertArrayEquals(tf.tensor("bf16_as_f32").floats(), tf.tensor("model.embed_tokens.weight").floats());
        assertArrayEquals(tf.tensor("f16_as_f32").floats(), tf.tensor("f16").floats());
        assertArrayEquals(new long[] {4, 7}, tf.tensor("f16").shape());
    }

    @Test
    void everyF16ValueMatchesTheJdkConversionOfItsHalfPrecisionValue() {
        // exhaustive: f16 -> f32 -> f16 by rounding must give back the same bits (except NaNs)
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.f16ToFloat((short) bits);
            if (Float.isNaN(f)) continue;
            int exp = (bits >>> 10) & 0x1f;
            double expected = exp == 0 ? (bits & 0x3ff) * 0x1p-24 : exp == 31 ? Double.POSITIVE_INFINITY
                    : (1 + (bits & 0x3ff) / 1024.0) * Math.pow(2, exp - 15);
            if ((bits & 0x8000) != 0) expected = -expected;
            assertEquals(expected, f, 0.0, "bits 0x" + Integer.toHexString(bits));
        }
    }

    @Test
    void truncatedFileNamesFileAndTensor() throws IOException {
        Path f = tmp.resolve("t.safetensors");
        Safetensors.write(f, Map.of("model.norm.weight", HostArray.of(new float[16], 16)));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 4));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("t.safetensors") && e.getMessage().contains("model.norm.weight")
                && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void garbageMissingAndUnsupportedFilesGiveClearErrors() throws IOException {
        Path junk = tmp.resolve("junk.safetensors");
        Files.writeString(junk, "this is not a safetensors file at all");
        assertTrue(assertThrows(CheckpointException.class, () -> Safetensors.read(junk)).getMessage()
                .contains("corrupt safetensors header length"));
        Path missing = tmp.resolve("nope.safetensors");
        assertTrue(assertThrows(CheckpointException.class, () -> Safetensors.read(missing)).getMessage()
                .contains("nope.safetensors: file not found"));
        Path u8 = tmp.resolve("u8.safetensors");
        writeRaw(u8, "{\"x\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] {1, 2});
        String msg = assertThrows(CheckpointException.class, () -> Safetensors.read(u8)).getMessage();
        assertTrue(msg.contains("tensor x") && msg.contains("unsupported dtype U8"), msg);
        Path badShape = tmp.resolve("shape.safetensors");
        writeRaw(badShape, "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        msg = assertThrows(CheckpointException.class, () -> Safetensors.read(badShape)).getMessage();
        assertTrue(msg.contains("tensor x") && msg.contains("expected 12"), msg);
    }

    @Test
    void writesAtomicallyLeavingNoTempFiles() throws IOException {
        Path f = tmp.resolve("w.safetensors");
        Safetensors.write(f, Map.of("a", HostArray.of(new float[2], 2)));
        Safetensors.write(f, Map.of("b", HostArray.of(new float[3], 3)));
        assertEquals(Map.of("b", new Safetensors.TensorInfo("F32", new long[] {3})).keySet(), Safetensors.header(f).keySet());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shardedWeightsRoundTripThroughTheIndex() throws IOException {
        Map<String, HostArray> w = new LinkedHashMap<>();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 5; i++) {
            float[] v = new float[8 * 16];
            for (int k = 0; k < v.length; k++) v[k] = rnd.nextFloat();
            w.put("model.layers." + i + ".mlp.up_proj.weight", HostArray.of(v, 8, 16));
        }
        ShardedWeights.write(tmp, w, 1200);                  // 512 bytes each -> 2 per shard -> 3 shards
        assertTrue(Files.exists(tmp.resolve(ShardedWeights.INDEX)));
        assertTrue(Files.exists(tmp.resolve("model-00003-of-00003.safetensors")));
        assertTrue(Files.notExists(tmp.resolve(ShardedWeights.SINGLE)));
        String index = Files.readString(tmp.resolve(ShardedWeights.INDEX));
        assertTrue(index.contains("\"total_size\" : 2560"), index);
        Map<String, HostArray> back = ShardedWeights.read(tmp);
        assertEquals(w, back);

        ShardedWeights.write(tmp, w, Long.MAX_VALUE);       // now one file; the stale index and shards are removed
        assertTrue(Files.exists(tmp.resolve(ShardedWeights.SINGLE)));
        assertTrue(Files.notExists(tmp.resolve(ShardedWeights.INDEX)));
        assertTrue(Files.notExists(tmp.resolve("model-00001-of-00003.safetensors")));
        assertEquals(w, ShardedWeights.read(tmp));

        Files.delete(tmp.resolve(ShardedWeights.SINGLE));
        ShardedWeights.write(tmp, w, 1200);
        Files.delete(tmp.resolve("model-00002-of-00003.safetensors"));
        String msg = assertThrows(CheckpointException.class, () -> ShardedWeights.read(tmp)).getMessage();
        assertTrue(msg.contains("model-00002-of-00003.safetensors") && msg.contains("missing"), msg);
    }

    private static void writeRaw(Path f, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Files.write(f, b.array());
    }

    private static long headerLength(Path f) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
