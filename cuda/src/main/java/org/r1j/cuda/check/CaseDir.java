package org.r1j.cuda.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One kernel check on disk, the format the Java reference writes and both the host test program
 * ({@code src/test/cuda/host_check.cpp}) and the device check read: {@code case.txt} ({@code op=NAME}, then the
 * op's parameters and {@code tol.OUT=rtol,atol} per output, one {@code key=value} a line) and raw little-endian
 * tensors: {@code in_NAME.bin} (inputs), {@code expect_NAME.bin} (the reference's outputs), {@code host_NAME.bin}
 * (what the host build of the kernels wrote). Tensor types are the op's to know (f32, i32, f64, bf16 as u16).
 */
public final class CaseDir {
    private final Path dir;
    private final Map<String, String> params = new LinkedHashMap<>();

    private CaseDir(Path dir) {
        this.dir = dir;
    }

    /** A new case for {@code op} in {@code dir} (created); {@link #save()} writes case.txt. */
    public static CaseDir create(Path dir, String op) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CaseDir c = new CaseDir(dir);
        c.params.put("op", op);
        return c;
    }

    /** Reads case.txt of {@code dir}; a malformed line is reported as {@code case.txt:LINE: why}. */
    public static CaseDir read(Path dir) {
        CaseDir c = new CaseDir(dir);
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("case.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read case.txt", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(dir.resolve("case.txt") + ":" + (i + 1) + ": not key=value: " + line);
            c.params.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (!c.params.containsKey("op")) throw new IllegalArgumentException(dir.resolve("case.txt") + ": no op= line");
        return c;
    }

    /** The case directories under {@code root} (each holding a case.txt), in name order. */
    public static List<Path> under(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("case.txt"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() { return dir; }

    public String name() { return dir.getFileName().toString(); }

    public String op() { return params.get("op"); }

    public CaseDir param(String key, Object value) {
        params.put(key, String.valueOf(value));
        return this;
    }

    /** Output {@code name} must satisfy |got - want| <= atol + rtol |want| element by element. */
    public CaseDir tolerance(String name, double rtol, double atol) {
        return param("tol." + name, rtol + "," + atol);
    }

    public Tolerance tolerance(String name) {
        String t = params.get("tol." + name);
        if (t == null) throw new IllegalArgumentException(dir + ": no tolerance for output '" + name + "'");
        String[] parts = t.split(",");
        return new Tolerance(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }

    public boolean has(String key) { return params.containsKey(key); }

    public String str(String key) {
        String v = params.get(key);
        if (v == null) throw new IllegalArgumentException(dir.resolve("case.txt") + ": missing key '" + key + "'");
        return v;
    }

    public int i(String key) { return Integer.parseInt(str(key)); }

    public long l(String key) { return Long.parseLong(str(key)); }

    public double d(String key) { return Double.parseDouble(str(key)); }

    public float f(String key) { return Float.parseFloat(str(key)); }

    public void save() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        write("case.txt", sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- tensors ----

    public void input(String name, float[] v) { write("in_" + name + ".bin", bytes(v)); }
    public void input(String name, int[] v) { write("in_" + name + ".bin", bytes(v)); }
    public void input(String name, double[] v) { write("in_" + name + ".bin", bytes(v)); }
    public void input(String name, short[] v) { write("in_" + name + ".bin", bytes(v)); }
    public void expect(String name, float[] v) { expect(name, "f32", bytes(v)); }
    public void expect(String name, int[] v) { expect(name, "i32", bytes(v)); }
    public void expect(String name, double[] v) { expect(name, "f64", bytes(v)); }
    public void expect(String name, short[] v) { expect(name, "u16", bytes(v)); }

    private void expect(String name, String type, byte[] data) {
        params.put("type." + name, type);
        write("expect_" + name + ".bin", data);
    }

    /** The element type of output {@code name}: f32, i32, f64 or u16. */
    public String type(String name) { return str("type." + name); }

    /** A tensor of {@code type} widened to doubles for comparison (u16 and i32 exactly). */
    public static double[] doubles(ByteBuffer b, String type) {
        return switch (type) {
            case "f32" -> Tolerance.widen(f32(b));
            case "i32" -> Tolerance.widen(i32(b));
            case "f64" -> f64(b);
            case "u16" -> {
                short[] s = u16(b);
                double[] d = new double[s.length];
                for (int i = 0; i < s.length; i++) d[i] = s[i] & 0xffff;
                yield d;
            }
            default -> throw new IllegalArgumentException("unknown tensor type " + type);
        };
    }

    public boolean hasInput(String name) { return Files.exists(dir.resolve("in_" + name + ".bin")); }

    public ByteBuffer input(String name) { return read("in_" + name + ".bin"); }
    public ByteBuffer expected(String name) { return read("expect_" + name + ".bin"); }
    public ByteBuffer host(String name) { return read("host_" + name + ".bin"); }

    /** The names of the reference's outputs (expect_NAME.bin), in name order. */
    public List<String> outputs() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("expect_") && n.endsWith(".bin")).sorted()
                    .forEach(n -> out.add(n.substring("expect_".length(), n.length() - ".bin".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static float[] f32(ByteBuffer b) {
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    public static int[] i32(ByteBuffer b) {
        int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        return v;
    }

    public static double[] f64(ByteBuffer b) {
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    public static short[] u16(ByteBuffer b) {
        short[] v = new short[b.remaining() / 2];
        b.asShortBuffer().get(v);
        return v;
    }

    private ByteBuffer read(String file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read " + file, e);
        }
    }

    private void write(String file, byte[] data) {
        try {
            Files.write(dir.resolve(file), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    public static byte[] bytes(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }

    public static byte[] bytes(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        return b.array();
    }

    public static byte[] bytes(short[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(v);
        return b.array();
    }
}
