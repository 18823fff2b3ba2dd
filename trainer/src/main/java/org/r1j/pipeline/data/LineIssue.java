package org.r1j.pipeline.data;

/** A dataset line that was skipped, and why: printed as {@code file:line: message}. */
public record LineIssue(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
