package org.r1j.kernel.magics;

import java.time.Duration;
import java.util.List;
import org.r1j.kernel.background.BackgroundJob;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;

/**
 * {@code %stop NAME}: asks background job NAME to stop (training ends after its step in flight, with a checkpoint;
 * other code at its next stop check) and waits up to {@link #WAIT} for it; interrupting this cell stops the wait.
 */
public final class StopMagic implements LineMagic {
    /** How long %stop waits for the job to end before it returns (the job still stops later). */
    static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) throws InterruptedException {
        if (args.size() != 1) {
            throw new MagicException("%stop needs one job name, e.g. %stop grpo (%jobs lists them)");
        }
        BackgroundJob job = kernel.jobs().get(args.get(0));
        if (job == null) {
            throw new MagicException("no background job " + args.get(0) + " (%jobs lists them)");
        }
        if (!job.isRunning()) {
            System.out.println("background job " + job.name() + " has already ended: " + job.state().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        job.stop();
        if (job.await(WAIT)) {
            System.out.println("background job " + job.name() + " " + job.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (job.progress().isEmpty() ? "" : " (" + job.progress() + ")"));
        } else {
            System.out.println("background job " + job.name() + " was asked to stop and is still running after "
                    + WAIT.toSeconds() + " s; %jobs shows when it ends");
        }
        return null;
    }
}
