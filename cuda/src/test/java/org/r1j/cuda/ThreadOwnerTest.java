package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadOwnerTest {
    @Test
    void onlyTheOpeningThreadMayCall() throws Exception {
        ThreadOwner o = new ThreadOwner("this CUDA context");
        o.check();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                o.check();
            } catch (Throwable e) {
                seen.set(e);
            }
        }, "worker-7");
        t.start();
        t.join();
        String m = seen.get().getMessage();
        assertTrue(m.startsWith("this CUDA context belongs to thread '") && m.endsWith("; called from 'worker-7'"), m);
    }
}
