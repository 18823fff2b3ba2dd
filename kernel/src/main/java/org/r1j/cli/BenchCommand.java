package org.r1j.cli;

import org.r1j.dsl.bench.RewardsBenchCommand;
import org.r1j.grpo.bench.GrpoBenchCommand;
import org.r1j.model.bench.ModelBenchCommand;
import picocli.CommandLine.Command;

/** `r1j bench …`: benchmarks that print numbers side by side with a reference measured in the same run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: rewards (verifier throughput, sandboxed code tests), model (train/generate tokens/s vs PyTorch), grpo (step time split), spark (local[2] vs one process).",
        subcommands = {RewardsBenchCommand.class, ModelBenchCommand.class, GrpoBenchCommand.class})
public final class BenchCommand {
}
