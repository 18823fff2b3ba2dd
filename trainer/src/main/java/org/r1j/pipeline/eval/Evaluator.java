package org.r1j.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.r1j.dsl.lib.lang.LanguageRatio;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.PromptTemplate;
import org.r1j.pipeline.eval.CompletionSampler.Completion;

/**
 * Evaluation as the R1 paper reports it: k samples per problem at temperature 0.6 / top-p 0.95 give pass@1 (mean
 * correctness) and cons@k (majority vote of the extracted answers), and one greedy completion gives greedy accuracy.
 * Two steps: {@link #verdicts} samples and judges each problem, {@link EvalTally} adds the verdicts up (so a
 * distributed run can judge slices elsewhere and add them up here, with the same result).
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
        List<ProblemVerdict> verdicts = verdicts(sampler, problems);
        EvalTally tally = new EvalTally(config.k(), config.greedy());
        for (int i = 0; i < problems.size(); i++) tally.add(problems.get(i), verdicts.get(i));
        return tally.result();
    }

    /** Samples k completions (and the greedy one) per problem and judges them; verdict i is problem i's. */
    public List<ProblemVerdict> verdicts(CompletionSampler sampler, List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("nothing to evaluate: the problem list is empty");
        List<String> prompts = problems.stream().map(template::render).toList();
        List<List<Completion>> samples = sampler.sample(prompts, config.k(), config.sampling());
        List<List<Completion>> greedy = config.greedy() ? sampler.sample(prompts, 1, config.greedySampling()) : null;
        checkShape(samples, problems.size(), config.k());
        if (greedy != null) checkShape(greedy, problems.size(), 1);
        List<ProblemVerdict> out = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            out.add(judge(problems.get(i), samples.get(i), greedy == null ? null : greedy.get(i).get(0)));
        }
        return out;
    }

    /** One problem's verdict from its k samples and its greedy completion (null when greedy decoding is off). */
    public ProblemVerdict judge(Problem p, List<Completion> samples, Completion greedy) {
        List<String> answers = new ArrayList<>();
        int correct = 0;
        double lang = 0;
        int langCount = 0;
        String language = p.fields().get("language") instanceof String l ? l : "en";
        int wellFormed = 0;
        double lengthSum = 0;
        for (Completion c : samples) {
            if (AnswerTags.wellFormed(c.text())) wellFormed++;
            lengthSum += c.tokens() >= 0 ? c.tokens() : c.text().length();
            double ratio = LanguageRatio.ratio(AnswerTags.thinking(c.text()).orElse(""), language).ratio();
            if (!Double.isNaN(ratio)) {
                lang += ratio;
                langCount++;
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
            Optional<String> g = checker.extract(greedy.text());
            greedyAnswer = g.orElse("");
            greedyOk = g.isPresent() && checker.isCorrect(p, g.get());
        }
        return new ProblemVerdict(correct, majority.orElse(""), consRight, greedyAnswer, greedyOk, lang, langCount,
                samples.get(0).text(), wellFormed, lengthSum);
    }

    private static void checkShape(List<List<Completion>> samples, int prompts, int n) {
        if (samples.size() != prompts || samples.stream().anyMatch(s -> s.size() != n)) {
            throw new IllegalStateException("sampler returned the wrong number of completions: expected " + n
                    + " for each of " + prompts + " prompts");
        }
    }
}
