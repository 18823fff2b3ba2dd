package org.r1j.kernel.display;

/** Ready-made HTML to show as is ({@code display(new Html("<b>hi</b>"))}); {@code text} is for text-only front ends. */
public record Html(String html, String text) {
    public Html(String html) {
        this(html, html.replaceAll("<[^>]*>", ""));
    }
}
