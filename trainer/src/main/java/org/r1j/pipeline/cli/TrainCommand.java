package org.r1j.pipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.r1j.train.GracefulStop;
import org.r1j.pipeline.config.ConfigException;
import org.r1j.pipeline.config.PipelineConfig;
import org.r1j.pipeline.config.StageYaml;
import org.r1j.pipeline.run.Pipeline;
import org.r1j.pipeline.run.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `r1j train CONFIG.yaml`: runs a pipeline of SFT, GRPO, rejection sampling, distillation and evaluation stages. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Run a training config (YAML): GRPO, SFT, rejection sampling, distillation, evaluation, in order.",
                "Examples: configs/arithmetic-r1.yaml (the R1 recipe), configs/arithmetic-r1-zero.yaml (GRPO from a base).",
                "Outputs go to RUNS_DIR/NAME/NN-KIND/ (model/, data.jsonl, metrics.csv, report.html, eval.csv)."})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The pipeline config.")
    Path config;

    @Option(names = "--resume", description = "Skip finished stages and continue an interrupted one from its checkpoint.")
    boolean resume;

    @Option(names = "--fresh", description = "Delete this run's stage folders first and start over.")
    boolean fresh;

    @Option(names = "--check", description = "Read and check the config, print every setting (defaults included), train nothing.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        PipelineConfig cfg;
        Pipeline pipeline;
        try {
            cfg = PipelineConfig.read(config);
            pipeline = cfg.pipeline();
        } catch (ConfigException e) {
            System.err.println("r1j train: " + e.getMessage());
            return 2;
        }
        if (check) {
            System.out.print(cfg.effectiveYaml());
            List<Stage> stages = pipeline.stages();
            System.out.println("# " + stages.size() + " stages: " + String.join(" → ", stages.stream().map(Stage::kind).toList())
                    + "; kinds known: " + String.join(", ", StageYaml.KINDS));
            return 0;
        }
        Path runDir = pipeline.runDir();
        if (fresh) deleteStageFolders(runDir);
        if (!resume && hasStageFolders(runDir)) {
            System.err.println("r1j train: " + runDir + " already has stage results; use --resume to continue or --fresh to start over");
            return 2;
        }
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("config.yaml"), cfg.effectiveYaml());
        Pipeline.Result r;
        try (GracefulStop stop = new GracefulStop("the pipeline")) {
            r = pipeline.run(System.out, resume);
        }
        if (r.interrupted() != null) {
            Thread.interrupted();
            System.err.println("r1j train: " + r.interrupted());
            return 130;
        }
        return 0;
    }

    private static boolean hasStageFolders(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) return false;
        try (Stream<Path> s = Files.list(runDir)) {
            return s.anyMatch(TrainCommand::isStageFolder);
        }
    }

    private static boolean isStageFolder(Path p) {
        return Files.isDirectory(p) && p.getFileName().toString().matches("\\d\\d-(sft|grpo|rejection|distill|eval)");
    }

    /** Only the NN-kind folders this command creates, nothing else in the run folder. */
    private static void deleteStageFolders(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) return;
        List<Path> stages;
        try (Stream<Path> s = Files.list(runDir)) {
            stages = s.filter(TrainCommand::isStageFolder).toList();
        }
        for (Path stage : stages) {
            try (Stream<Path> walk = Files.walk(stage)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }
}
