package org.r1j.dsl.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands each sandbox a block of user ids no other sandbox on the machine uses, in this JVM or another one: a
 * worker kills every process of its user id after each run, so two JVMs sharing a block (a training run and a
 * benchmark, two test suites) would kill each other's programs. A block is claimed by holding a lock on
 * {@code <tmp>/r1j-sandbox-uids/block-K.lock} for the life of the JVM (the OS drops it when the JVM dies).
 * Where locking fails (no writable temp directory), blocks are handed out in order as before.
 */
final class UidBlocks {
    private static final List<FileLock> HELD = new ArrayList<>();
    private static final List<Integer> CLAIMED = new ArrayList<>();
    private static int next;

    private UidBlocks() {}

    /** The first user id of a free block. */
    static synchronized int claim() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "r1j-sandbox-uids");
        try {
            Files.createDirectories(dir);
            for (int k = 0; k < Isolation.UID_BLOCKS; k++) {
                if (CLAIMED.contains(k)) continue;
                FileChannel ch = FileChannel.open(dir.resolve("block-" + k + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    ch.close();
                    continue;
                }
                HELD.add(lock);
                return first(k);
            }
        } catch (IOException | RuntimeException e) {
            // fall through: in order, as if alone on the machine
        }
        for (int i = 0; i < Isolation.UID_BLOCKS; i++) {
            int k = next++ % Isolation.UID_BLOCKS;
            if (!CLAIMED.contains(k)) return first(k);
        }
        return first(next++ % Isolation.UID_BLOCKS);
    }

    private static int first(int k) {
        CLAIMED.add(k);
        return Isolation.FIRST_UID + k * Isolation.UID_BLOCK;
    }

    /** Whether {@code uid} is a run's (or its judge's) user id in a block this JVM claimed. */
    static synchronized boolean ours(int uid) {
        for (int k : CLAIMED) {
            int first = Isolation.FIRST_UID + k * Isolation.UID_BLOCK;
            for (int base : new int[] {first, first + Isolation.JUDGE_UID_OFFSET}) {
                if (uid >= base && uid < base + Isolation.UID_BLOCK) return true;
            }
        }
        return false;
    }
}
