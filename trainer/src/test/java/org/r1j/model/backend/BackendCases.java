package org.r1j.model.backend;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.backend.simd.SimdBackend;

/**
 * The test matrix of the backend seam: every CPU backend in every dtype it computes in. Correctness suites run
 * over these ({@code @MethodSource("org.r1j.model.backend.BackendCases#all")}), so the f32 path the GPU backend
 * mirrors is tested as well as the f64 reference. The simd cases fail (not skip) where its JVM flag is missing:
 * the build passes it to every test JVM.
 */
public record BackendCases(Backend backend, DataType dtype) {
    /** nd4j f64, nd4j f32, simd f32. */
    public static List<BackendCases> all() {
        return List.of(new BackendCases(Nd4jBackend.INSTANCE, DataType.DOUBLE), new BackendCases(Nd4jBackend.INSTANCE, DataType.FLOAT),
                new BackendCases(SimdBackend.INSTANCE, DataType.FLOAT));
    }

    /** The f32 cases: nd4j f32, simd f32. */
    public static List<BackendCases> f32() {
        return all().stream().filter(c -> c.dtype() == DataType.FLOAT).toList();
    }

    /** Whether results are f64-exact (tolerances differ by orders of magnitude). */
    public boolean f64() {
        return dtype == DataType.DOUBLE;
    }

    @Override
    public String toString() {
        return backend.name() + " " + (f64() ? "f64" : "f32");
    }
}
