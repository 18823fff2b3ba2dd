package org.r1j.kernel.display;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.r1j.kernel.protocol.CommListener;

/**
 * A button in the notebook through the ipywidgets comm protocol (version 2: {@code jupyter.widget} comms for a
 * {@code ButtonModel} of {@code @jupyter-widgets/controls} 2.0 with its layout and style models), which JupyterLab,
 * Notebook 7 and VS Code show where the widgets front end is installed. Elsewhere the output's text says what to do
 * instead. A click (the front end's {@code {method: custom, content: {event: click}}}) disables the button and calls
 * back, on the kernel's shell thread, also while a cell runs.
 */
public final class WidgetButton {
    static final String TARGET = "jupyter.widget";
    /** ipywidgets' message protocol version (ipywidgets 8). */
    static final String PROTOCOL_VERSION = "2.1.0";
    static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";

    private final DisplaySink sink;
    private final List<String> commIds;
    private final String buttonId;
    private final String displayId;
    private final Map<String, Object> state;
    private volatile boolean clicked;

    private WidgetButton(DisplaySink sink, List<String> commIds, String buttonId, String displayId, Map<String, Object> state) {
        this.sink = sink;
        this.commIds = commIds;
        this.buttonId = buttonId;
        this.displayId = displayId;
        this.state = state;
    }

    /**
     * Shows a button that runs {@code onClick} once, then shows {@code clickedText} on itself; {@code fallbackText} is
     * the output's text/plain, for front ends without widgets. Null where the sink has no front end.
     */
    public static WidgetButton show(DisplaySink sink, String description, String tooltip, String fallbackText,
            String clickedText, Runnable onClick) {
        Map<String, Object> layout = model("@jupyter-widgets/base", "LayoutModel", "@jupyter-widgets/base", "LayoutView");
        Map<String, Object> style = model("@jupyter-widgets/controls", "ButtonStyleModel", "@jupyter-widgets/base", "StyleView");
        Map<String, Object> button = model("@jupyter-widgets/controls", "ButtonModel", "@jupyter-widgets/controls", "ButtonView");
        String layoutId = open(sink, layout, ignoreClicks(layout));
        if (layoutId == null) {
            return null;
        }
        String styleId = open(sink, style, ignoreClicks(style));
        button.put("description", description);
        button.put("tooltip", tooltip);
        button.put("icon", "stop");
        button.put("button_style", "danger");
        button.put("disabled", false);
        button.put("layout", "IPY_MODEL_" + layoutId);
        button.put("style", "IPY_MODEL_" + styleId);
        WidgetButton[] self = new WidgetButton[1];
        String buttonId = open(sink, button, (data, reply) -> self[0].onMessage(data, reply, clickedText, onClick));
        DisplayData view = new DisplayData(fallbackText);
        view.putData(VIEW_MIME, Map.of("model_id", buttonId, "version_major", 2, "version_minor", 0));
        String displayId = sink.display(view);
        self[0] = new WidgetButton(sink, List.of(buttonId, styleId, layoutId), buttonId, displayId, button);
        return self[0];
    }

    public String commId() {
        return buttonId;
    }

    public boolean clicked() {
        return clicked;
    }

    /** Closes the widget's comms and leaves {@code text} in its place (what a saved notebook shows). */
    public void close(String text) {
        for (String id : commIds) {
            sink.closeComm(id);
        }
        sink.updateDisplay(displayId, new DisplayData(text));
    }

    private void onMessage(Map<String, Object> data, Consumer<Map<String, Object>> reply, String clickedText, Runnable onClick) {
        Object method = data.get("method");
        if ("request_state".equals(method)) {
            reply.accept(update(state));
        } else if ("update".equals(method) && data.get("state") instanceof Map<?, ?> changed) {
            changed.forEach((k, v) -> state.put(String.valueOf(k), v)); // the front end's view of the model
        } else if ("custom".equals(method) && data.get("content") instanceof Map<?, ?> content
                && "click".equals(content.get("event")) && !clicked) {
            clicked = true;
            Map<String, Object> changed = Map.of("disabled", true, "description", clickedText);
            state.putAll(changed);
            reply.accept(update(changed));
            onClick.run();
        }
    }

    private static Map<String, Object> update(Map<String, Object> changed) {
        return Map.of("method", "update", "state", new HashMap<>(changed), "buffer_paths", List.of());
    }

    private static String open(DisplaySink sink, Map<String, Object> state, CommListener listener) {
        return sink.openComm(TARGET, Map.of("state", state, "buffer_paths", List.of()), Map.of("version", PROTOCOL_VERSION), listener);
    }

    private static CommListener ignoreClicks(Map<String, Object> state) {
        return (data, reply) -> {
            if ("request_state".equals(data.get("method"))) {
                reply.accept(update(state));
            }
        };
    }

    private static Map<String, Object> model(String module, String name, String viewModule, String view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_model_module", module);
        m.put("_model_module_version", "2.0.0");
        m.put("_model_name", name);
        m.put("_view_module", viewModule);
        m.put("_view_module_version", "2.0.0");
        m.put("_view_name", view);
        return m;
    }
}
