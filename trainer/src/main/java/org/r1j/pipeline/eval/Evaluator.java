package org.r1j.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.r1j.dsl.lib.lang.LanguageRatio;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.eval.CompletionSampler.Completion;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Evaluation as the R1 paper reports it: k samples per problem at temperature 0.6 / top-p 0.95 give pass@1 (mean
 * correctness) and cons@k (majority vote of the extracted answers), and one greedy completion gives greedy accuracy.
 */
public final class Evaluator {
    private final EvalConfig config;
    private final AnswerChecker checker;
    private final PromptTemplate template;

    public Evaluator(EvalConfig config, AnswerChecker checker, PromptTemplate template) {
        this.config = config;
        this.checker = checker;
        this.template = template;
    }

    public EvalResult evaluate(CompletionSampler sampler, List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("nothing to evaluate: the problem list is empty");
        List<String> prompts = problems.stream().map(template::render).toList();
        List<List<Completion>> samples = sampler.sample(prompts, config.k(), config.sampling());
        List<List<Completion>> greedy = config.greedy() ? sampler.sample(prompts, 1, config.greedySampling()) : null;
        checkShape(samples, problems.size(), config.k());
        if (greedy != null) checkShape(greedy, problems.size(), 1);

        Table rows = emptyTable();
        int n = problems.size();
        double[] pass1 = new double[n], cons = new double[n], greedyRight = new double[n];
        double passK = 0, langSum = 0, wellFormed = 0, lengthSum = 0;
        int langCount = 0;
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            List<String> answers = new ArrayList<>();
            int correct = 0;
            double problemLang = 0;
            int problemLangCount = 0;
            String language = p.fields().get("language") instanceof String l ? l : "en";
            for (Completion c : samples.get(i)) {
                if (AnswerTags.wellFormed(c.text())) wellFormed++;
                lengthSum += c.tokens() >= 0 ? c.tokens() : c.text().length();
                double ratio = LanguageRatio.ratio(AnswerTags.thinking(c.text()).orElse(""), language).ratio();
                if (!Double.isNaN(ratio)) {
                    problemLang += ratio;
                    problemLangCount++;
                }
                Optional<String> a = checker.extract(c.text());
                a.ifPresent(answers::add);
                if (a.isPresent() && checker.isCorrect(p, a.get())) correct++;
            }
            Optional<String> majority = MajorityVote.winner(answers, checker);
            boolean consRight = majority.isPresent() && checker.isCorrect(p, majority.get());
            String greedyAnswer = "";
            boolean greedyOk = false;
            if (greedy != null) {
                Optional<String> g = checker.extract(greedy.get(i).get(0).text());
                greedyAnswer = g.orElse("");
                greedyOk = g.isPresent() && checker.isCorrect(p, g.get());
            }
            double problemPass1 = correct / (double) config.k();
            pass1[i] = problemPass1;
            cons[i] = consRight ? 1 : 0;
            passK += correct > 0 ? 1 : 0;
            greedyRight[i] = greedyOk ? 1 : 0;
            langSum += problemLang;
            langCount += problemLangCount;
            addRow(rows, p, correct, problemPass1, majority.orElse(""), consRight, greedyAnswer, greedyOk,
                    problemLangCount == 0 ? Double.NaN : problemLang / problemLangCount, samples.get(i).get(0).text());
        }
        int samplesTotal = n * config.k();
        return new EvalResult(n, config.k(), mean(pass1), StandardError.ofMean(pass1), mean(cons), StandardError.ofMean(cons),
                passK / n, greedy == null ? Double.NaN : mean(greedyRight), greedy == null ? Double.NaN : StandardError.ofMean(greedyRight),
                wellFormed / samplesTotal, lengthSum / samplesTotal, langCount == 0 ? Double.NaN : langSum / langCount, rows);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static void checkShape(List<List<Completion>> samples, int prompts, int n) {
        if (samples.size() != prompts || samples.stream().anyMatch(s -> s.size() != n)) {
            throw new IllegalStateException("sampler returned the wrong number of completions: expected " + n
                    + " for each of " + prompts + " prompts");
        }
    }

    private static Table emptyTable() {
        return Table.create("eval",
                StringColumn.create("id"), StringColumn.create("question"), StringColumn.create("reference"),
                IntColumn.create("correct"), DoubleColumn.create("pass@1"), StringColumn.create("majority"),
                BooleanColumn.create("cons"), StringColumn.create("greedy_answer"), BooleanColumn.create("greedy_correct"),
                DoubleColumn.create("language_consistency"), StringColumn.create("sample"));
    }

    private static void addRow(Table t, Problem p, int correct, double pass1, String majority, boolean cons,
                               String greedyAnswer, boolean greedyOk, double language, String sample) {
        t.stringColumn("id").append(p.id());
        t.stringColumn("question").append(p.question());
        t.stringColumn("reference").append(p.reference());
        t.intColumn("correct").append(correct);
        t.doubleColumn("pass@1").append(pass1);
        t.stringColumn("majority").append(majority);
        t.booleanColumn("cons").append(cons);
        t.stringColumn("greedy_answer").append(greedyAnswer);
        t.booleanColumn("greedy_correct").append(greedyOk);
        t.doubleColumn("language_consistency").append(language);
        t.stringColumn("sample").append(sample);
    }
}
