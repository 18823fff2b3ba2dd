package org.r1j.pipeline.config;

/** A problem in a YAML config, located: {@code configs/x.yaml:12: stages[2].grpo.num_generations: must be >= 2}. */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;

    public ConfigException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, null, false, false);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }
}
