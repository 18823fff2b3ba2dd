package org.r1j.kernel.magics;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;

/**
 * {@code %memory}: what the kernel holds: Java heap (after a GC), direct buffers, off-heap memory of JavaCPP (ND4J's
 * arrays live there) and, where {@code nvidia-smi} is present, this process's GPU memory.
 */
public final class MemoryMagic implements LineMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        List<String> lines = new ArrayList<>();
        long used = heapUsedAfterGc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        lines.add("heap      " + mb(used) + " in use, " + mb(heap.getCommitted()) + " committed, " + mb(heap.getMax()) + " max");
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                lines.add("direct    " + mb(pool.getMemoryUsed()) + " in " + pool.getCount() + " buffer(s)");
            }
        }
        lines.add("off-heap  " + javacpp());
        lines.add("GPU       " + gpu());
        lines.forEach(System.out::println);
        return null;
    }

    /** Heap in use after a full collection: what cells still reach. */
    static long heapUsedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }

    /** JavaCPP's own accounting (Pointer.totalBytes: memory it allocated; physicalBytes: the process's RSS). */
    private static String javacpp() {
        try {
            Class<?> pointer = Class.forName("org.bytedeco.javacpp.Pointer");
            long total = (long) pointer.getMethod("totalBytes").invoke(null);
            long max = (long) pointer.getMethod("maxBytes").invoke(null);
            long physical = (long) pointer.getMethod("physicalBytes").invoke(null);
            return mb(total) + " allocated by JavaCPP/ND4J (limit " + mb(max) + "); process RSS " + mb(physical);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "JavaCPP is not loaded";
        }
    }

    private static String gpu() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "nvidia-smi did not answer";
            }
            String me = Long.toString(ProcessHandle.current().pid());
            for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
                String[] f = line.split(",");
                if (f.length == 2 && f[0].strip().equals(me)) {
                    return f[1].strip() + " MiB used by this kernel";
                }
            }
            return "none used by this kernel";
        } catch (java.io.IOException e) {
            return "no GPU (nvidia-smi not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
