package org.r1j.dsl.lib;

/** A minimal open-addressing set of longs (no boxing): counts distinct n-gram hashes for {@code repetition}. */
final class LongSet {
    private long[] keys;
    private boolean[] used;
    private int size;

    LongSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[cap];
        used = new boolean[cap];
    }

    boolean add(long k) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = (int) (mix(k) & mask);
        while (used[i]) {
            if (keys[i] == k) return false;
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = k;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldK = keys;
        boolean[] oldU = used;
        keys = new long[oldK.length * 2];
        used = new boolean[oldK.length * 2];
        size = 0;
        for (int i = 0; i < oldK.length; i++) if (oldU[i]) add(oldK[i]);
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        return k ^ (k >>> 33);
    }
}
