package org.r1j.kernel.display;

/**
 * Ready-made HTML to show as is ({@code display(new Html("<b>hi</b>"))}); {@code text} is for text-only front ends;
 * {@code pngBase64}, when not null, goes along as {@code image/png} (a static view of a chart in the HTML).
 */
public record Html(String html, String text, String pngBase64) {
    public Html(String html, String text) {
        this(html, text, null);
    }

    public Html(String html) {
        this(html, html.replaceAll("<[^>]*>", ""));
    }
}
