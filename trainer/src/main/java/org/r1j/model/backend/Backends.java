package org.r1j.model.backend;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.backend.simd.SimdBackend;

/**
 * Chooses a model's backend, once, by name: {@code nd4j} (ND4J ops; f32 and f64; the CPU reference), {@code simd}
 * (Java Vector API kernels over ND4J host memory, OpenBLAS GEMMs; f32), {@code auto} (simd for f32 where this JVM
 * can run it, else nd4j; {@code cpu} is another name for it), {@code cuda} (r1j's CUDA backend: the cuda module's
 * jar, found through {@link BackendProvider}; one NVIDIA GPU). The default is {@code -Dr1j.backend=NAME}, else the
 * environment's {@code R1J_BACKEND} (so the launcher, notebook kernels and their child JVMs agree), else auto.
 * Asking for a backend that cannot serve is an error that says why; only {@code auto} falls back, and says so once.
 */
public final class Backends {
    /** The names {@link #select} takes. */
    public static final List<String> NAMES = List.of("auto", "nd4j", "simd", "cuda");

    private static volatile boolean autoFallbackLogged;

    private Backends() {}

    /** The backend for a model computing in {@code dtype}, by the JVM-wide default ({@link #defaultName}). */
    public static Backend forDtype(DataType dtype) {
        return select(defaultName(), dtype);
    }

    /** {@code -Dr1j.backend}, else the environment's {@code R1J_BACKEND}, else "auto". */
    public static String defaultName() {
        String p = System.getProperty("r1j.backend");
        if (p != null && !p.isBlank()) return p;
        String env = System.getenv("R1J_BACKEND");
        return env != null && !env.isBlank() ? env : "auto";
    }

    /** Whether {@code name} is a backend on this machine's CPU (nothing to open first). */
    public static boolean isCpu(String name) {
        String n = name == null ? "auto" : name.strip().toLowerCase(Locale.ROOT);
        return n.equals("auto") || n.equals("cpu") || n.equals("nd4j") || n.equals("simd");
    }

    /**
     * @param name  one of {@link #NAMES} (case-insensitive)
     * @param dtype what the model computes in
     * @throws IllegalArgumentException for an unknown name, or a backend that cannot compute in dtype on this JVM
     */
    public static Backend select(String name, DataType dtype) {
        String n = name == null ? "auto" : name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "nd4j":
                return checked(Nd4jBackend.INSTANCE, dtype);
            case "simd": {
                String why = SimdBackend.unavailableReason();
                if (why != null) throw new IllegalArgumentException("backend simd cannot run here: " + why);
                return checked(SimdBackend.INSTANCE, dtype);
            }
            case "auto", "cpu": {
                if (dtype != DataType.FLOAT) return checked(Nd4jBackend.INSTANCE, dtype);
                String why = SimdBackend.unavailableReason();
                if (why == null) return SimdBackend.INSTANCE;
                if (!autoFallbackLogged) {
                    autoFallbackLogged = true;
                    System.err.println("r1j: backend auto -> nd4j, because simd cannot run here: " + why);
                }
                return Nd4jBackend.INSTANCE;
            }
            case "cuda": {
                BackendProvider p = provider(n);
                if (p == null)
                    throw new IllegalArgumentException("backend cuda is not on the class path (it is the r1j cuda module's jar,"
                            + " which ./r1j and the notebook kernel carry: see cuda/README.md); use one of " + NAMES);
                return checked(p.open(dtype), dtype);
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "'; use one of " + NAMES);
        }
    }

    /** The provider named {@code name} on the class path ({@link BackendProvider}), or null. */
    private static BackendProvider provider(String name) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class))
            if (p.name().equals(name)) return p;
        return null;
    }

    /** {@code b}, or an IllegalArgumentException saying it does not compute in {@code dtype}. */
    public static Backend checked(Backend b, DataType dtype) {
        if (!b.supports(dtype))
            throw new IllegalArgumentException("backend " + b.name() + " does not compute in " + dtype
                    + (b.name().equals("simd") ? " (it is f32 only; nd4j computes in f64)" : ""));
        return b;
    }
}
