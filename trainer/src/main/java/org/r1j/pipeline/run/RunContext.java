package org.r1j.pipeline.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.r1j.dsl.Rewarder;
import org.r1j.train.Listeners;
import org.r1j.train.TrainingListener;
import org.r1j.grpo.demo.TagTokenizer;
import org.r1j.train.record.ConsoleProgress;
import org.r1j.model.CausalLM;
import org.r1j.model.io.LoadedModel;
import org.r1j.model.tokenize.Tokenizer;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.task.Task;

/**
 * What the stages of one pipeline run share: the task and its reward, the model being trained (each training
 * stage updates it in place), the data the last sampling stage kept, and where to log.
 */
public final class RunContext {
    final Task task;
    final Rewarder rewarder;
    final PrintStream log;
    final boolean resume;
    private final boolean brief;
    private CausalLM model;
    private Tokenizer tokenizer;      // for generation: keeps the <think>/<answer> markers when decoding
    private Tokenizer saveTokenizer;  // the one written next to the weights
    private List<SftExample> lastData;
    private final List<TrainingListener> listeners;

    RunContext(Task task, Rewarder rewarder, LoadedModel start, PrintStream log, boolean resume, boolean brief,
               List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.brief = brief;
        this.task = task;
        this.rewarder = rewarder;
        this.log = log;
        this.resume = resume;
        setModel(start);
    }

    /** A line about settings or bookkeeping, left out of a brief log (see {@link Pipeline.Builder#brief}). */
    void detail(String line) {
        if (!brief) log.println(line);
    }

    public CausalLM model() {
        return model;
    }

    /** Frees the model at the end of the pipeline (it is saved by then; a device backend's memory must not wait for GC). */
    void closeModel() {
        model.close();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    Tokenizer saveTokenizer() {
        return saveTokenizer;
    }

    /** The stages' model from here on; the one it replaces (e.g. on resume) is closed (its backend memory freed). */
    void setModel(LoadedModel loaded) {
        if (model != null && model != loaded.model()) model.close();
        this.model = loaded.model();
        this.saveTokenizer = loaded.tokenizer();
        this.tokenizer = markersKept(loaded.tokenizer());
    }

    /** A character tokenizer treats the R1 markers as special tokens; decoding must keep them for the rewards. */
    public static Tokenizer markersKept(Tokenizer t) {
        return t.specialId("<think>").isPresent() ? TagTokenizer.r1(t) : t;
    }

    List<SftExample> lastData() {
        if (lastData == null) {
            throw new IllegalStateException("an sft stage with data: previous needs a rejection or distill stage before it");
        }
        return lastData;
    }

    void setLastData(List<SftExample> data) {
        this.lastData = List.copyOf(data);
    }

    /** The console progress bar plus the pipeline's own listeners (a notebook display, a sweep's live view). */
    TrainingListener progress() {
        Listeners all = new Listeners().add(log == System.out ? ConsoleProgress.stdout() : new ConsoleProgress(log, false));
        listeners.forEach(all::add);
        return all;
    }
}
