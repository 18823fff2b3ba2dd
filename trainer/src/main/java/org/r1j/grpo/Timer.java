package org.r1j.grpo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accumulates wall time of one step into TRL-style {@code time/…} buckets. Not thread-safe. */
final class Timer {
    static final List<String> KEYS = List.of("time/generate", "time/reward", "time/logprobs", "time/backward", "time/optimizer");
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long started;

    void start() {
        started = System.nanoTime();
    }

    void stop(String key) {
        nanos.merge(key, System.nanoTime() - started, Long::sum);
    }

    void add(String key, double seconds) {
        nanos.merge(key, Math.round(seconds * 1e9), Long::sum);
    }

    double seconds(String key) {
        return nanos.getOrDefault(key, 0L) / 1e9;
    }

    double total() {
        return nanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
    }
}
