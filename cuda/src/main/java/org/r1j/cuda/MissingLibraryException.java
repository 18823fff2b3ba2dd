package org.r1j.cuda;

/** A native library of the CUDA path (libcuda, libcublas, libcublasLt) that could not be found or loaded. */
public final class MissingLibraryException extends RuntimeException {
    public MissingLibraryException(String message) {
        super(message);
    }
}
