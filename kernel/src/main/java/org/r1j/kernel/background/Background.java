package org.r1j.kernel.background;

/**
 * Background jobs for cell code: {@code Background.start("grpo", () -> trainer.train())} returns at once; the job's
 * prints and live displays keep updating the cell that started it; {@code %jobs} lists jobs, {@code %stop NAME}
 * stops one at its next step. {@code %%background NAME} is the same for a whole cell. The static entry point is set
 * by the kernel when it starts (one kernel per JVM), as {@link org.r1j.kernel.display.Notebook} is.
 */
public final class Background {
    private static volatile Jobs jobs;

    private Background() {}

    /** Called by the kernel at start-up. */
    public static void install(Jobs kernelJobs) {
        jobs = kernelJobs;
    }

    public static Jobs jobs() {
        Jobs j = jobs;
        if (j == null) {
            throw new IllegalStateException("background jobs work inside the r1j Jupyter kernel only");
        }
        return j;
    }

    public static BackgroundJob start(String name, BackgroundWork work) {
        return jobs().start(name, work);
    }

    /** The job called {@code name}, or null. */
    public static BackgroundJob job(String name) {
        return jobs().get(name);
    }

    /** The job the calling thread runs, or null (a foreground cell, or outside the kernel). */
    public static BackgroundJob currentJob() {
        return Jobs.current();
    }

    /** Reports a progress line for {@code %jobs} when the calling thread runs a job (else does nothing). */
    public static void reportProgress(String text) {
        BackgroundJob job = Jobs.current();
        if (job != null) {
            job.reportProgress(text);
        }
    }
}
