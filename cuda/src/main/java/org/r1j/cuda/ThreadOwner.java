package org.r1j.cuda;

/**
 * The one thread that may use a CUDA context and its stream (the driver binds a context per thread, and one
 * stream per owner keeps the order of work plain). Calls from any other thread fail at once and say which.
 */
public final class ThreadOwner {
    private final Thread owner = Thread.currentThread();
    private final String what;

    public ThreadOwner(String what) {
        this.what = what;
    }

    public void check() {
        Thread t = Thread.currentThread();
        if (t != owner)
            throw new IllegalStateException(what + " belongs to thread '" + owner.getName() + "'; called from '" + t.getName() + "'");
    }
}
