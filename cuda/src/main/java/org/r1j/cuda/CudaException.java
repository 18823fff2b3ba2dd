package org.r1j.cuda;

/** A CUDA driver or cuBLAS call that failed: which call, its status code and the library's name for it. */
public final class CudaException extends RuntimeException {
    /** CUDA_ERROR_OUT_OF_MEMORY: the caching allocator frees its cache and retries once on this. */
    public static final int OUT_OF_MEMORY = 2;

    private final int code;

    public CudaException(String call, int code, String name) {
        super(call + " failed: " + code + " " + name);
        this.code = code;
    }

    public int code() { return code; }
}
