package org.r1j.kernel.background;

/** The work of a background job: cell code, so it may throw checked exceptions (they end the job as failed). */
@FunctionalInterface
public interface BackgroundWork {
    void run() throws Exception;
}
