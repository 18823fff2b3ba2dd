"""Writes the named notebooks' source cells (python3 build_notebooks.py 02-reward-dsl.ipynb; outputs come from executing them with the r1j kernel:
   tests/src/test/python/run_notebook.py). Kept so the notebooks can be edited as plain text and regenerated."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNEL = {"display_name": "r1j (Java 25)", "language": "java", "name": "r1j"}
LANG = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source", "codemirror_mode": "text/x-java"}


def nb(cells):
    n = new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": LANG})
    return n


def md(s):
    return new_markdown_cell(s.strip())


def code(s, raises=False):
    c = new_code_cell(s.strip())
    if raises:
        c.metadata["tags"] = ["raises-exception"]
    return c


QUICK = '''// R1J_QUICK=1 (the end-to-end tests) runs the same cells with fewer steps.
boolean quick = "1".equals(System.getenv("R1J_QUICK"));'''

quickstart = nb([
    md("""
# r1j quickstart: rewards, a short GRPO run, live metrics

DeepSeek-R1's recipe in miniature on a CPU: a tiny decoder learns 2-digit arithmetic by a short supervised
**cold start**, then improves with **GRPO** on **rule-based rewards** written in r1j's reward language. (The same
recipe as `./r1j demo`: a clean cold start, then 900 GRPO steps.)
Everything runs in this notebook's JVM (the r1j kernel: Java cells on JShell, with ND4J, r1j and Tablesaw on
the classpath, imported by default)."""),
    code(QUICK + '''
int sftSteps = quick ? 60 : 600;
int grpoSteps = quick ? 4 : 900;   // on a clean cold start GRPO needs hundreds of steps (60 gained nothing)
int evalProblems = quick ? 10 : 50;'''),
    md("## The task\nProcedural 2-digit addition and subtraction. Each problem has a prompt and a reference answer."),
    code('''
var task = new ArithmeticTask(1);
var tok = org.r1j.grpo.demo.TagTokenizer.r1(org.r1j.model.tokenize.CharTokenizer.ascii());
var examples = task.problems(Split.TEST, 5);
Table.create("arithmetic problems",
    StringColumn.create("prompt", examples.stream().map(p -> task.template().render(p)).toList()),
    StringColumn.create("reference", examples.stream().map(Problem::reference).toList()))'''),
    md("""
## Rewards, in the reward language

A `%%reward NAME` cell compiles its body and binds the program to the Java variable `NAME`. These are R1's
rule-based rewards: the format (`<think>…</think><answer>…</answer>`), the answer's mathematical accuracy and,
lightly weighted, language consistency of the reasoning."""),
    code('''
%%reward rewards
language "en"

reward format weight 1.0 unknown 0 =
    completion ~ r"^\\s*<think>.*?</think>\\s*<answer>.*?</answer>\\s*$"s

reward accuracy weight 1.0 =
    let answer = boxed(completion) ?? tag(completion, "answer")
    in math_equal(answer, reference)

reward consistency weight 0.1 unknown 0 =
    language_ratio(tag(completion, "think"))'''),
    code('''
var good = rewards.score(Sample.of("12+30=", "<think>2+0=2,1+3=4</think><answer>42</answer>", "42"));
var wrong = rewards.score(Sample.of("12+30=", "<think>2+0=2</think><answer>41</answer>", "42"));
Table.create("two completions scored",
    StringColumn.create("completion", "right answer", "wrong answer"),
    DoubleColumn.create("total", good.total(), wrong.total()),
    StringColumn.create("accuracy explained", good.explanations().get("accuracy"), wrong.explanations().get("accuracy")))'''),
    md("""
## Cold start
A tiny random decoder, then supervised fine-tuning on 2,000 correct worked examples (R1's cold start in miniature).
The live display updates in place."""),
    code('''
var model = DecoderModel.random(ModelPresets.tiny(tok.vocabSize()), 1);
var coldStart = task.coldStart(2000);
var sft = new org.r1j.train.SftTrainer(model, tok, coldStart,
    new org.r1j.train.SftConfig(3e-3, 16, sftSteps, Math.min(20, sftSteps / 10), "cosine", 0.0, 1.0, 256, 1, 0, null));
var sftLive = new TrainingDisplay();
sft.addListener(sftLive);
sft.train();'''),
    code('''
var evaluator = new Evaluator(new EvalConfig(4, 0.6, 0.95, 40, true, List.of("</answer>"), 100), task.checker(), task.template());
var heldOut = task.problems(Split.TEST, evalProblems);
var before = evaluator.evaluate(new ModelSampler(model, tok), heldOut);
before.summary()'''),
    md("""
## GRPO
Groups of 8 completions per prompt, scored by `rewards`; group-relative advantages; one live display for the run.
`trainer.evaluation(...)` evaluates the held-out problems every N steps with the same protocol as above (TRL's
`eval_steps`; in a YAML config: `eval_steps: 150` on the grpo stage), so the display and the metrics table carry
`eval/pass@1` with its standard error."""),
    code('''
var cfg = GrpoConfig.builder().set(GrpoConfig::numGenerations, 8).set(GrpoConfig::promptsPerStep, 16).set(GrpoConfig::maxCompletionLength, 40).set(GrpoConfig::learningRate, 1e-4)
    .set(GrpoConfig::temperature, 0.6).set(GrpoConfig::lossType, LossType.DAPO).set(GrpoConfig::beta, 0.0).set(GrpoConfig::maxSteps, grpoSteps).set(GrpoConfig::warmupSteps, Math.min(10, Math.max(1, grpoSteps / 10))).set(GrpoConfig::seed, 1).build();
var trainer = new GrpoTrainer(model, tok, task.rewarder(rewards), task.problems(Split.TRAIN, 3000), task.template(), cfg)
    .stopStrings(List.of("</answer>"));
trainer.evaluation(PeriodicEvaluation.every(quick ? 2 : 150, evaluator, heldOut, () -> new ModelSampler(model, tok)));
var live = new TrainingDisplay();
trainer.addListener(live);
trainer.train()'''),
    md("## Held-out pass@1 during GRPO\nEach point ± one standard error over the problems (their spread, not the k samples')."),
    code('''EvalCurveChart.of(live.table(), "held-out evaluation during GRPO (" + heldOut.size() + " problems, k=4)").orElseThrow()'''),
    md("## Metrics\nEvery step's metrics as a Tablesaw table (TRL's metric names), and charts from it."),
    code('''
Table metrics = live.table();
metrics.selectColumns("step", "reward", "rewards/accuracy/mean", "rewards/format/mean", "completions/mean_length")'''),
    code('''LinePlot.create("GRPO: accuracy reward per step", metrics, "step", "rewards/accuracy/mean")'''),
    code('''
var after = evaluator.evaluate(new ModelSampler(model, tok), heldOut);
Table compare = Table.create("held-out evaluation",
    StringColumn.create("model", "cold start", "after GRPO"),
    DoubleColumn.create("pass@1", before.passAt1(), after.passAt1()),
    DoubleColumn.create("cons@4", before.consAtK(), after.consAtK()),
    DoubleColumn.create("greedy", before.greedyAccuracy(), after.greedyAccuracy()));
display(compare);
VerticalBarPlot.create("pass@1 before and after GRPO", compare, "model", "pass@1")'''),
])

NOTEBOOKS = {"01-quickstart.ipynb": quickstart}

reward_dsl = nb([
    md("""
# Writing and debugging rewards

R1-style training lives or dies by its rewards. r1j declares them in a small typed language
(`docs/reward-dsl.md`), checked before anything runs and compiled into verifiers that cannot hang the trainer.
Here we write R1's rewards, score completions with explanations, look at errors and at open-r1's shaping rewards."""),
    md("## R1's three rule-based rewards\n`%%reward r1` compiles the cell and binds the program to the Java variable `r1`."),
    code('''
%%reward r1
language "en"

# <think>…</think> then <answer>…</answer>, nothing else
reward format weight 1.0 unknown 0 =
    completion ~ r"^\\s*<think>.*?</think>\\s*<answer>.*?</answer>\\s*$"s

# the last \\boxed{…}, else the <answer> block, compared mathematically
reward accuracy weight 1.0 =
    let answer = boxed(completion) ?? tag(completion, "answer")
    in math_equal(answer, reference)

# share of English words in the reasoning (R1's language-consistency reward)
reward consistency weight 0.1 unknown 0 =
    language_ratio(tag(completion, "think"))'''),
    md("A helper that scores samples and lays the results out as a table: one column per reward, then the total."),
    code('''
Table scores(RewardProgram program, List<Sample> samples) {
    Table t = Table.create("scores", StringColumn.create("completion", samples.stream().map(Sample::completion).toList()));
    List<Score> s = samples.stream().map(program::score).toList();
    for (String name : program.rewardNames()) {
        t.addColumns(DoubleColumn.create(name, s.stream().mapToDouble(x -> x.values().get(name)).toArray()));
    }
    t.addColumns(DoubleColumn.create("total", s.stream().mapToDouble(Score::total).toArray()));
    return t;
}'''),
    code('''
// The first math_equal loads the computer-algebra engine (seconds): warm it up so its time limit applies to real checks.
r1.score(Sample.of("q", "<answer>1/2</answer>", "0.5"));
List<Sample> samples = List.of(
    Sample.of("What is 1/2 + 1/4?", "<think>Half plus a quarter is three quarters.</think><answer>3/4</answer>", "0.75"),
    Sample.of("What is 1/2 + 1/4?", "<think>Add them.</think> The answer is \\\\boxed{\\\\frac{3}{4}}", "0.75"),
    Sample.of("What is 1/2 + 1/4?", "<think>Half plus a quarter.</think><answer>2/6</answer>", "0.75"),
    Sample.of("What is 1/2 + 1/4?", "<think>半分と四分の一で three quarters.</think><answer>0.75</answer>", "0.75"),
    Sample.of("What is 1/2 + 1/4?", "It is 0.75", "0.75"));
scores(r1, samples)'''),
    md("""
## Why did a completion get its score?

Every reward explains itself. An **unknown** value (NaN: no answer found, say) is left out of the total unless
the reward declares `unknown D`, as `format` and `consistency` do."""),
    code('''
Table explain(RewardProgram program, Sample sample) {
    Score s = program.score(sample);
    return Table.create("why: " + sample.completion(),
        StringColumn.create("reward", program.rewardNames()),
        DoubleColumn.create("value", program.rewardNames().stream().mapToDouble(n -> s.values().get(n)).toArray()),
        StringColumn.create("explanation", program.rewardNames().stream().map(n -> s.explanations().get(n)).toList()));
}
explain(r1, samples.get(4))'''),
    code("explain(r1, samples.get(1))"),
    md("""
## What errors look like

Problems are found before training starts, all in one pass, at the cell's own `line:col` with a caret.
These two cells fail on purpose."""),
    code('''
%%reward broken
reward accuracy = math_equal(tag(completion, "answer"), reference)
reward too_long weight 0.5 = len(completion) > "200"''', raises=True),
    code('''
%%reward typo
reward format = completion ~ r"<answer>.*</answer>"s
reward accuracy = math_equals(tag(completion, "answer"), reference)''', raises=True),
    md("""
## open-r1's shaping rewards

`rewards/open-r1.reward` ports open-r1's reward functions one to one. The shaping rewards have weight 0 there
(switched off) but are still computed, so we can look at them: the cosine-scaled length reward, the repetition
penalty and Kimi k1.5's group-relative length reward."""),
    code('''
CompileResult compiled = RewardProgram.compile(java.nio.file.Path.of("../rewards/open-r1.reward"));
RewardProgram openR1 = compiled.orThrow();
openR1.rewardNames()'''),
    code('''
String think(int words) { return "<think>\\n" + "step ".repeat(words).strip() + "\\n</think>\\n"; }
List<Sample> group = List.of(
    Sample.of("2+2?", think(5) + "<answer>\\n4\\n</answer>", "4"),
    Sample.of("2+2?", think(60) + "<answer>\\n4\\n</answer>", "4"),
    Sample.of("2+2?", think(5) + "<answer>\\n5\\n</answer>", "4"),
    Sample.of("2+2?", think(60) + "<answer>\\n5\\n</answer>", "4"));
Table g = Table.create("one group", StringColumn.create("completion", List.of("short right", "long right", "short wrong", "long wrong")));
List<Score> gs = openR1.scoreGroup(group);
for (String name : List.of("accuracy", "format", "cosine", "repetition", "kimi_length")) {
    g.addColumns(DoubleColumn.create(name, gs.stream().mapToDouble(x -> x.values().get(name)).toArray()));
}
g'''),
    md("The cosine-scaled reward against completion length: short right answers earn most, short wrong ones lose most."),
    code('''
int[] lengths = java.util.stream.IntStream.rangeClosed(0, 20).map(i -> i * 60).toArray();
double[] right = new double[lengths.length], wrong = new double[lengths.length];
for (int i = 0; i < lengths.length; i++) {
    String pad = "x".repeat(lengths[i]);
    right[i] = openR1.score(Sample.of("q", pad + "\\\\boxed{4}", "4")).values().get("cosine");
    wrong[i] = openR1.score(Sample.of("q", pad + "\\\\boxed{5}", "4")).values().get("cosine");
}
double[] x = java.util.Arrays.stream(lengths).asDoubleStream().toArray();
new Figure(Layout.builder().title("open-r1 cosine-scaled reward").height(400).width(700)
        .xAxis(Axis.builder().title("completion length (chars)").build()).yAxis(Axis.builder().title("reward").build()).build(),
    ScatterTrace.builder(x, right).mode(ScatterTrace.Mode.LINE).name("correct").build(),
    ScatterTrace.builder(x, wrong).mode(ScatterTrace.Mode.LINE).name("wrong").build())'''),
])
NOTEBOOKS["02-reward-dsl.ipynb"] = reward_dsl

sweep = nb([
    md("""
# A sweep: loss type × KL weight × seeds

Eight GRPO runs (`loss_type` GRPO vs DAPO × `beta` 0 vs 0.04 × 2 seeds) from one clean cold start, with held-out
pass@1 at the start and every few steps, compared side by side. A sweep is a **base config** (the same YAML as
`./r1j train`) plus **axes**: `KIND.key` sets that key in every stage of that kind. The cold start comes before the
first stage an axis changes, so it runs once, in `shared/`, and every run starts from it. `./r1j sweep FILE.yaml`
does the same from a file (`configs/sweep-example.yaml`)."""),
    code(QUICK + '''
int sftSteps = quick ? 60 : 600, grpoSteps = quick ? 2 : 120, evalEvery = quick ? 1 : 40, evalProblems = quick ? 5 : 50;
java.nio.file.Path runs = java.nio.file.Files.createTempDirectory("r1j-notebook-sweeps");'''),
    code('''
String base = """
    task: {name: arithmetic, seed: 1}
    reward: ../rewards/r1.reward
    model: {preset: tiny, seed: 1}
    stages:
      - sft: {data: cold_start, examples: 2000, max_steps: %d, batch_size: 16, learning_rate: 0.003, max_length: 256}
      - grpo: {problems: 3000, max_steps: %d, prompts_per_step: 16, num_generations: 8, learning_rate: 0.0001,
               temperature: 0.6, max_completion_length: 40,
               eval_on_start: true, eval_steps: %d, eval_problems: %d, num_generations_eval: 4}
    """.formatted(sftSteps, grpoSteps, evalEvery, evalProblems);
var sweep = Sweep.builder("loss-beta").baseYaml(base)
    .grid("grpo.loss_type", "grpo", "dapo")
    .grid("grpo.beta", 0.0, 0.04)
    .seeds(1, 2)
    .runsDir(runs).parallel(1)
    .build();
sweep.runs()   // checked before anything trains: a misspelt key or a bad value fails here, naming the axis'''),
    md("""
## Run it
One live display: every run's state, and the comparison charts filling in as runs finish. Each run writes its own
folder (config.yaml, log.txt, stage folders with metrics.csv and report.html); running the cell again resumes
(finished runs are skipped)."""),
    code('''
Table results = sweep.run(new SweepDisplay());
results.selectColumns("run", "loss_type", "beta", "seed", "status", "pass@1 ± s.e.", "best_pass@1", "best_step", "seconds")'''),
    md("## Curves and finals\nHeld-out pass@1 of every run on shared axes (± one standard error over problems), and the final values."),
    code('''
var charts = SweepReport.charts(sweep.results());
display(charts.get(0));     // held-out pass@1 during training
charts.get(1)               // mean reward per step'''),
    code('''charts.get(2)   // final pass@1 per run'''),
    md("## By setting\nThe mean final pass@1 per value of each axis, over the other axes and the seeds (± the standard error of that mean)."),
    code('''
var axes = sweep.plan().spec().axes();
display(sweep.results().byAxis(axes.get(0)));
sweep.results().byAxis(axes.get(1))'''),
    code('''"results.csv: " + sweep.resultsCsv() + "\\nreport.html: " + sweep.reportHtml()'''),
])
NOTEBOOKS["04-sweep.ipynb"] = sweep

pipeline = nb([
    md("""
# The R1 pipeline, end to end

DeepSeek-R1 (2025) in five moves, each a stage of an r1j `Pipeline` (the same stages `./r1j train` runs from
YAML, see `configs/arithmetic-r1.yaml`):

1. **cold start**: SFT on a few thousand worked examples in the `<think>…</think><answer>…</answer>` format;
2. **reasoning-oriented RL**: GRPO on rule-based rewards (accuracy, format, language consistency);
3. **rejection sampling**: sample N answers per prompt, keep only verified, well-formed, single-language ones;
4. **SFT on the kept samples**, then evaluation after each phase (pass@1 over k samples at temperature 0.6,
   cons@k by majority vote);
5. **distillation**: a fresh student learns from the teacher's filtered samples by SFT alone.

Tiny models and a 2-digit arithmetic task keep it to minutes on a CPU; every stage writes its folder under
`runs/` (model, data, metrics, report)."""),
    code(QUICK + '''
// quick mode still needs a cold start good enough for rejection sampling to keep some verified answers
int coldSteps = quick ? 200 : 600, grpoSteps = quick ? 2 : 60, evalProblems = quick ? 10 : 50;
int rejectionPrompts = quick ? 60 : 200, studentSteps = quick ? 40 : 300;
java.nio.file.Path runs = java.nio.file.Files.createTempDirectory("r1j-notebook-runs");
RewardProgram rewards = RewardProgram.compile(java.nio.file.Path.of("../rewards/r1.reward")).orThrow();
var task = new ArithmeticTask(1);
var evalCfg = new EvalConfig(4, 0.6, 0.95, 40, true, List.of("</answer>"), 100);
SftConfig sft(int steps, double lr) { return new SftConfig(lr, 16, steps, Math.min(20, steps / 10), "cosine", 0.0, 1.0, 128, 1, 0, null); }'''),
    md("## Teacher: cold start → GRPO → rejection sampling → SFT, with an evaluation after each phase"),
    code('''
var grpo = GrpoConfig.builder().set(GrpoConfig::numGenerations, 8).set(GrpoConfig::promptsPerStep, 16).set(GrpoConfig::maxCompletionLength, 40).set(GrpoConfig::learningRate, 1e-4)
    .set(GrpoConfig::temperature, 0.6).set(GrpoConfig::lossType, LossType.DAPO).set(GrpoConfig::maxSteps, grpoSteps).set(GrpoConfig::warmupSteps, Math.max(1, grpoSteps / 10)).set(GrpoConfig::seed, 1).build();
var rejection = new RejectionConfig(4, 0.6, 0.95, 40, 7, true, true, 0.95, "en", true, true, Map.of(), 2);
var teacher = Pipeline.builder("notebook-r1", task, rewards, ModelSpec.random("tiny", 1)).runsDir(runs)
    .sft(sft(coldSteps, 3e-3), "cold_start", 2000, 0.5).eval(evalCfg, evalProblems)   // half with answer slips
    .grpo(grpo, 3000).eval(evalCfg, evalProblems)
    .rejection(rejection, rejectionPrompts).sft(sft(40, 3e-4), "previous", 0).eval(evalCfg, evalProblems)
    .build();
var teacherRun = teacher.run(System.out, false);'''),
    md("## Student: distillation by SFT only, from a fresh random model"),
    code('''
var distillSampling = new RejectionConfig(4, 0.8, 0.95, 40, 7, true, true, 0.95, "en", true, true, Map.of(), 2);
var student = Pipeline.builder("notebook-distill", task, rewards, ModelSpec.random("tiny", 7)).runsDir(runs)
    .distill(teacherRun.finalModel(), distillSampling, rejectionPrompts, sft(studentSteps, 3e-3))
    .eval(evalCfg, evalProblems)
    .build();
var studentRun = student.run(System.out, false);'''),
    md("## Every stage's numbers"),
    code('''
double pct(String s) { return s == null ? Double.NaN : Double.parseDouble(s.replace("%", "")); }
List<String> labels = new ArrayList<>();
List<Double> pass1 = new ArrayList<>(), cons = new ArrayList<>();
String[] after = {"cold start", "GRPO", "rejection SFT"};
int evals = 0;
for (var o : teacherRun.stages()) {
    if (o.kind().equals("eval")) { labels.add("teacher: " + after[evals++]); pass1.add(pct(o.results().get("pass@1"))); cons.add(pct(o.results().get("cons@4"))); }
}
for (var o : studentRun.stages()) {
    if (o.kind().equals("eval")) { labels.add("student: distilled"); pass1.add(pct(o.results().get("pass@1"))); cons.add(pct(o.results().get("cons@4"))); }
}
Table stages = Table.create("evaluation after each phase (%)", StringColumn.create("model", labels),
    DoubleColumn.create("pass@1", pass1), DoubleColumn.create("cons@4", cons));
stages'''),
    code('''
new Figure(Layout.builder().title("pass@1 and cons@4 through the pipeline").height(400).width(760).barMode(Layout.BarMode.GROUP)
        .yAxis(Axis.builder().title("% of held-out problems").build()).build(),
    BarTrace.builder(stages.stringColumn("model"), stages.doubleColumn("pass@1")).name("pass@1").build(),
    BarTrace.builder(stages.stringColumn("model"), stages.doubleColumn("cons@4")).name("cons@4").build())'''),
    code('''
Table all = Table.create("stages", StringColumn.create("stage"), StringColumn.create("results"), DoubleColumn.create("seconds"));
for (var run : List.of(teacherRun, studentRun)) {
    for (var o : run.stages()) {
        all.stringColumn("stage").append(o.index() + " " + o.kind());
        all.stringColumn("results").append(o.results().toString());
        all.doubleColumn("seconds").append(Math.round(o.seconds()));
    }
}
all'''),
    md("""
## Language consistency: R1's fix for language mixing

R1-Zero's reasoning mixed languages. In the mixed-script task half the cold-start reasoning sprinkles Chinese
words into English. We train the same cold-start model with GRPO twice, with R1's language-consistency reward
(weight 0.1) and without it (weight 0), and measure the share of English words in the reasoning."""),
    code('''
var mixed = new MixedScriptTask(1);
var mixedEval = new EvalConfig(4, 0.7, 0.95, 64, false, List.of("</answer>"), 100);
RewardProgram withoutConsistency = RewardProgram.compile("no-consistency",
    java.nio.file.Files.readString(java.nio.file.Path.of("../rewards/r1.reward")).replace("reward consistency weight 0.1", "reward consistency weight 0"), 1).orThrow();
var mixedGrpo = GrpoConfig.builder().set(GrpoConfig::numGenerations, 8).set(GrpoConfig::promptsPerStep, 8).set(GrpoConfig::maxCompletionLength, 64).set(GrpoConfig::learningRate, 3e-4)
    .set(GrpoConfig::temperature, 0.7).set(GrpoConfig::maxSteps, grpoSteps).set(GrpoConfig::warmupSteps, Math.max(1, grpoSteps / 10)).set(GrpoConfig::seed, 1).build();
var cold = Pipeline.builder("notebook-mixed-cold", mixed, rewards, ModelSpec.random("tiny", 1)).runsDir(runs)
    .sft(new SftConfig(3e-3, 16, quick ? 60 : 500, 20, "cosine", 0.0, 1.0, 160, 1, 0, null), "cold_start", 1000)
    .eval(mixedEval, evalProblems).build().run(System.out, false);
Table mixing = Table.create("language consistency of the reasoning (%)", StringColumn.create("model"), DoubleColumn.create("language consistency"), DoubleColumn.create("pass@1"));
var coldEval = cold.stages().get(1).results();
mixing.stringColumn("model").append("cold start"); mixing.doubleColumn("language consistency").append(pct(coldEval.get("language_consistency"))); mixing.doubleColumn("pass@1").append(pct(coldEval.get("pass@1")));
for (var variant : List.of(Map.entry("GRPO with consistency reward", rewards), Map.entry("GRPO without it", withoutConsistency))) {
    var r = Pipeline.builder("notebook-mixed-" + (variant.getValue() == rewards ? "with" : "without"), mixed, variant.getValue(), ModelSpec.load(cold.finalModel()))
        .runsDir(runs).grpo(mixedGrpo, 1000).eval(mixedEval, evalProblems).build().run(System.out, false);
    var e = r.stages().get(1).results();
    mixing.stringColumn("model").append(variant.getKey());
    mixing.doubleColumn("language consistency").append(pct(e.get("language_consistency")));
    mixing.doubleColumn("pass@1").append(pct(e.get("pass@1")));
}
mixing'''),
    code('VerticalBarPlot.create("share of English words in <think>", mixing, "model", "language consistency")'),
])
NOTEBOOKS["03-r1-pipeline.ipynb"] = pipeline

spark_nb = nb([
    md("""
# r1j on Apache Spark, from a notebook

The `scale` module runs reward scoring, evaluation and rejection sampling on Spark (docs/scale.md); here a
`SparkSession` on `local[2]` lives in this kernel's JVM. The module is not on the kernel's classpath by default
(Spark brings ~300 jars): `%classpath` adds it from the classpath file the build writes (`./r1j spark --help` builds
it once). `./r1j kernel install` gave this kernel the JVM flags Spark needs on JDK 25."""),
    code('%classpath ../scale/target/classes @../scale/target/r1j-scale.classpath'),
    code('''
import org.r1j.scale.*;
import org.r1j.scale.score.*;
import org.r1j.scale.generate.*;
var spark = SparkRuns.session("local[2]", java.util.Map.of(), System.out);
spark.version()'''),
    md("""
## Scoring completions with a reward file

`ScoreJob` is `r1j spark score`: rows numbered in input order, scored in partitions by the program each executor
compiled once, malformed rows set aside with their reason."""),
    code('''
var dir = java.nio.file.Files.createTempDirectory("r1j-spark");
var lines = new java.util.ArrayList<String>();
String[] completions = {"<think>two plus three is five</think><answer>5</answer>", "<think>2+3</think><answer>6</answer>", "the answer is 5"};
for (int i = 0; i < 200; i++) {
    lines.add("{\\"prompt\\": \\"2+3\\", \\"completion\\": \\"" + completions[i % 3] + "\\", \\"answer\\": \\"5\\"}");
}
lines.add("{not json");
java.nio.file.Files.write(dir.resolve("samples.jsonl"), lines);
var summary = ScoreJob.run(spark, new ScoreSettings(RewardSource.read(java.nio.file.Path.of("../rewards/r1.reward")),
    dir.resolve("samples.jsonl").toString(), false, dir.resolve("scored").toString(), false, "prompt", false), false);
System.out.println(summary.render("scored"));'''),
    code('''
Table means = Table.create("mean reward (spark score)", StringColumn.create("reward"), DoubleColumn.create("mean"));
summary.rewards().forEach((r, v) -> { means.stringColumn("reward").append(r); means.doubleColumn("mean").append(v[0]); });
VerticalBarPlot.create("mean reward over 200 completions", means, "reward", "mean")'''),
    md("""
## Evaluation: the same numbers as one process

`SparkEvaluation` is `r1j spark eval`: blocks of 64 problems per partition, seeds from each problem's number, the
verdicts added up in problem order. A random tiny model gets nothing right; the point is that every row, sampled
text included, is the one the single-process evaluator gives."""),
    code('''
var modelDir = dir.resolve("model");
var tok = org.r1j.model.tokenize.CharTokenizer.ascii();
org.r1j.model.io.Checkpoint.save(org.r1j.model.DecoderModel.random(org.r1j.model.ModelPresets.byName("tiny", tok.vocabSize()), 1), tok, modelDir);
var spec = TaskSpec.of("arithmetic", 1, null, "gsm8k");
var problems = spec.task().problems(Split.TEST, 100);
var cfg = new EvalConfig(4, 0.6, 0.95, 24, true, List.of("</answer>"), 1234);
var distributed = SparkEvaluation.run(spark, spec, ModelSource.of(spark, modelDir, false), cfg, problems);
var loaded = org.r1j.model.io.Checkpoint.load(modelDir);
var single = new org.r1j.pipeline.eval.Evaluator(cfg, spec.task().checker(), spec.task().template())
    .evaluate(new org.r1j.pipeline.eval.ModelSampler(loaded.model(), org.r1j.pipeline.run.RunContext.markersKept(loaded.tokenizer())), problems);
System.out.println("spark:       " + distributed.summary());
System.out.println("one process: " + single.summary());
System.out.println("identical per-problem tables: " + distributed.perProblem().printAll().equals(single.perProblem().printAll()));
distributed.perProblem().first(5)'''),
    code('spark.stop();'),
])
NOTEBOOKS["05-spark.ipynb"] = spark_nb

if __name__ == "__main__":
    import sys
    # Only the notebooks named on the command line: writing one drops its committed outputs.
    for name in sys.argv[1:]:
        nbformat.write(NOTEBOOKS[name], name)
