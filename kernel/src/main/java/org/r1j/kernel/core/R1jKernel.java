package org.r1j.kernel.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.r1j.kernel.background.Background;
import org.r1j.kernel.background.Jobs;
import org.r1j.kernel.display.DisplaySink;
import org.r1j.kernel.display.Notebook;
import org.r1j.kernel.display.PlotlyBundle;
import org.r1j.kernel.display.Renderers;
import org.r1j.kernel.jshell.CellCompileException;
import org.r1j.kernel.jshell.DocSignature;
import org.r1j.kernel.jshell.JavaEvaluator;
import org.r1j.kernel.jshell.JavadocFormat;
import org.r1j.kernel.jshell.SourceDocs;
import org.r1j.kernel.protocol.CommListener;
import org.r1j.kernel.protocol.HistoryLog;
import org.r1j.kernel.protocol.ProtocolKernel;

/** The r1j Jupyter kernel: Java cells on in-process JShell, magics, Tablesaw tables and charts. */
public final class R1jKernel extends ProtocolKernel implements KernelContext, DisplaySink {
    private final MagicRegistry magics;
    private final EvalChain chain;
    private final Completions completions;
    private final ExtensionLoader extensions = new ExtensionLoader();
    private final PlotlyBundle plotly;
    private final SourceDocs sourceDocs = new SourceDocs();
    private JavaEvaluator java;
    private Jobs jobs;
    private volatile int cellNumber;

    public R1jKernel(String version, MagicRegistry magics) {
        super("r1j", version, new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell",
                "java", "text/x-java", "script"), new Renderer(), new HistoryLog());
        this.magics = magics;
        this.chain = new EvalChain(magics);
        this.completions = new Completions(magics);
        this.plotly = new PlotlyBundle(this::showNow);
        Renderers.registerAll(renderer, plotly);
    }

    /** Starts JShell with the default imports and installs extensions on the classpath. */
    @Override
    public void onStartup() {
        super.onStartup();
        java = new JavaEvaluator();
        for (String pkg : DefaultImports.PACKAGES) {
            try {
                java.eval("import " + pkg + ".*;", 0, 1);
            } catch (CellCompileException absent) {
                // a package this build does not have (yet): cells simply do not get it imported
            }
        }
        java.eval(DefaultImports.STATIC, 0, 1);
        Notebook.install(this);
        jobs = new Jobs(router, java::cellClassLoader, () -> cellNumber);
        Background.install(jobs);
        extensions.load(java.cellClassLoader(), this);
    }

    @Override
    public void onShutdown(boolean restarting) {
        super.onShutdown(restarting);
        if (java != null) {
            java.close();
        }
    }

    @Override
    public String getBanner() {
        return "r1j " + version + " on Java " + Runtime.version() + " (JShell in-process; %lsmagic lists the magics)";
    }

    @Override
    protected DisplayData executeCell(String code, int count) throws Exception {
        cellNumber = count;
        JavaEvaluator.Value value = chain.eval(this, code, 1);
        if (!value.hasValue()) {
            return null;
        }
        return value.value() instanceof DisplayData d ? d : renderer.render(value.value());
    }

    // ---- KernelContext: what magics use ----

    @Override
    public JavaEvaluator java() {
        return java;
    }

    @Override
    public JavaEvaluator.Value eval(String code, int firstLine) {
        try {
            return chain.eval(this, code, firstLine);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException(e.getMessage(), e);
        }
    }

    @Override
    public void addToClasspath(String path) {
        java.addToClasspath(path);
        List<String> installed = extensions.load(java.cellClassLoader(), this);
        if (!installed.isEmpty()) {
            System.out.println("installed kernel extensions: " + String.join(", ", installed));
        }
    }

    @Override
    public void bind(String name, String type, Object value) {
        String key = Bindings.park(value);
        java.eval(type + " " + name + " = (" + type + ") org.r1j.kernel.core.Bindings.take(\"" + key + "\");", cellNumber, 1);
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public int cellNumber() {
        return cellNumber;
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public java.time.Duration cellTimeout() {
        return runner.timeout();
    }

    @Override
    public void setCellTimeout(java.time.Duration limit) {
        runner.setTimeout(limit);
    }

    @Override
    public int reset() {
        return java.reset();
    }

    public Renderer renderer() {
        return renderer;
    }

    // ---- DisplaySink: display() and updateDisplay() from cells ----

    @Override
    public DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : renderer.render(value);
    }

    @Override
    public String display(Object value) {
        DisplayData data = new DisplayData(render(value));
        String id = "r1jdisplay" + Long.toHexString(System.nanoTime()) + Integer.toHexString(System.identityHashCode(data));
        data.setDisplayId(id);
        showNow(data);
        return id;
    }

    @Override
    public void updateDisplay(String id, Object value) {
        DisplayData data = new DisplayData(render(value));
        data.setDisplayId(id);
        var out = currentOutput();
        if (out != null) {
            out.update(data);
        }
    }

    @Override
    public void updateDisplayDelta(String id, Object value) {
        DisplayData data = new DisplayData(render(value));
        data.setDisplayId(id);
        var out = currentOutput();
        if (out != null) {
            out.updateDelta(data);
        }
    }

    @Override
    public void loadCharts() {
        plotly.ensureLoaded();
    }

    @Override
    public String openComm(String target, Map<String, Object> data, Map<String, Object> metadata,
            CommListener listener) {
        var out = currentOutput();
        if (out == null) {
            return null;
        }
        String id = comms.register(target, listener);
        out.comm(new CellOutput.Comm("comm_open", id, target, data, metadata));
        return id;
    }

    @Override
    public void sendComm(String commId, Map<String, Object> data) {
        var out = currentOutput();
        if (out != null) {
            out.comm(new CellOutput.Comm("comm_msg", commId, null, data, null));
        }
    }

    @Override
    public void closeComm(String commId) {
        comms.forget(commId);
        var out = currentOutput();
        if (out != null) {
            out.comm(new CellOutput.Comm("comm_close", commId, null, Map.of(), null));
        }
    }

    private void showNow(DisplayData data) {
        var out = currentOutput();
        if (out != null) {
            out.display(data);
        }
    }

    // ---- completion, inspection, completeness ----

    @Override
    public ReplacementOptions complete(String code, int at) {
        List<Completions.Match> matches = completions.complete(java, code, at);
        int start = matches.isEmpty() ? at : matches.get(0).start();
        return new ReplacementOptions(matches.stream().map(Completions.Match::text).toList(), start, at);
    }

    /** jjava's handler with the types and signatures of the matches in the reply's metadata. */
    @Override
    protected void handleCompleteRequest(org.dflib.jjava.jupyter.channels.ShellReplyEnvironment env,
            org.dflib.jjava.jupyter.messages.Message<org.dflib.jjava.jupyter.messages.request.CompleteRequest> message) {
        var request = message.getContent();
        env.setBusyDeferIdle();
        int at = request.getCursorPos();
        List<Completions.Match> matches;
        try {
            matches = completions.complete(java, request.getCode(), at);
        } catch (RuntimeException e) {
            matches = List.of(); // a half-typed cell JShell cannot analyse: no matches rather than an error
        }
        int start = matches.isEmpty() ? at : matches.get(0).start();
        env.reply(new org.dflib.jjava.jupyter.messages.reply.CompleteReply(matches.stream().map(Completions.Match::text).toList(),
                start, at, Completions.metadata(matches)));
    }

    /**
     * Shift-Tab: the signatures of what is at the cursor with their javadoc, as text and HTML. JShell documents the
     * JDK; r1j's own classes and the shipped libraries' come from their sources ({@link SourceDocs}).
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = java.documentation(code, at, true);
        if (docs.isEmpty() && at > 0 && Character.isJavaIdentifierPart(code.charAt(at - 1))) {
            // the cursor is on a method name (`Math.max|`): JShell documents calls, so ask as if the call had begun
            docs = java.documentation(code.substring(0, at) + "(", at + 1, true);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            String javadoc = doc.javadoc() != null && !doc.javadoc().isBlank() ? doc.javadoc() : fromSources(doc.signature());
            text.append(doc.signature()).append('\n');
            html.append("<pre>").append(JavadocFormat.escape(doc.signature())).append("</pre>");
            if (javadoc != null) {
                text.append(JavadocFormat.text(javadoc)).append("\n\n");
                html.append(JavadocFormat.html(javadoc));
            }
        }
        if (text.length() == 0) {
            String word = wordAt(code, at);
            String type = java.variables().get(word);
            if (type != null) {
                text.append(word).append(" : ").append(type).append(" = ").append(java.variableValue(word));
            }
        }
        if (text.length() == 0) {
            return null;
        }
        DisplayData data = new DisplayData();
        data.putText(text.toString().strip());
        if (html.length() > 0) {
            data.putHTML(html.toString());
        }
        return data;
    }

    /** The javadoc for a JShell signature from r1j's or a library's sources, or null. */
    private String fromSources(String signature) {
        DocSignature target = DocSignature.parse(signature);
        Class<?> owner = target == null ? null : java.resolveClass(target.owner());
        if (owner == null) {
            return null;
        }
        String doc = sourceDocs.javadoc(owner, target.member(), target.params());
        if (doc == null && "<init>".equals(target.member())) {
            doc = sourceDocs.javadoc(owner, null, null); // a record's header, or an undocumented constructor: the class
        }
        return doc;
    }

    private static String wordAt(String code, int at) {
        int s = Math.min(at, code.length());
        int e = s;
        while (s > 0 && Character.isJavaIdentifierPart(code.charAt(s - 1))) {
            s--;
        }
        while (e < code.length() && Character.isJavaIdentifierPart(code.charAt(e))) {
            e++;
        }
        return code.substring(s, e);
    }

    @Override
    public String isComplete(String code) {
        if (code.strip().startsWith("%")) {
            return IS_COMPLETE_YES; // magics are one line, or a whole cell
        }
        return switch (java.completeness(code)) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }
}
