package org.r1j.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocSignatureTest {
    @Test
    void readsMethodsConstructorsFieldsClassesAndRecordHeaders() {
        assertEquals(new DocSignature("Math", "max", List.of("int", "int")), DocSignature.parse("int Math.max(int a, int b)"));
        assertEquals(new DocSignature("GrpoConfig.Builder", "numGenerations", List.of("int")),
                DocSignature.parse("GrpoConfig.Builder GrpoConfig.Builder.numGenerations(int v)"));
        assertEquals(new DocSignature("GrpoConfig", "beta", List.of()), DocSignature.parse("double GrpoConfig(int numGenerations, double beta).beta()"));
        assertEquals(new DocSignature("org.r1j.grpo.GrpoConfig", "<init>", List.of("int", "double")),
                DocSignature.parse("org.r1j.grpo.GrpoConfig(int numGenerations, double beta)"));
        assertEquals(new DocSignature("Table", "create", List.of("String", "Collection<tech.tablesaw.columns.Column<?>>")),
                DocSignature.parse("Table Table.create(String name, Collection<tech.tablesaw.columns.Column<?>> columns)"));
        assertEquals(new DocSignature("Table", "create", List.of("tech.tablesaw.columns.Column<?>...")),
                DocSignature.parse("Table Table.create(tech.tablesaw.columns.Column<?>... columns)"));
        assertEquals(new DocSignature("java.util.Map", "of", List.of()), DocSignature.parse("java.util.Map<K, V> java.util.Map.of()"));
        assertEquals(new DocSignature("TrainingDisplay", "MAX_UPDATES_PER_SECOND", null), DocSignature.parse("TrainingDisplay.MAX_UPDATES_PER_SECOND:double"));
        assertEquals(new DocSignature("org.r1j.grpo.GrpoTrainer", null, null), DocSignature.parse("org.r1j.grpo.GrpoTrainer"));
        assertEquals("Column[]", SourceDocs.simpleType("tech.tablesaw.columns.Column<?>..."));
        assertEquals("List", SourceDocs.simpleType("java.util.List<java.lang.String>"));
    }

    @Test
    void javadocBecomesHtmlAndText() {
        String doc = "Keeps {@code a < b} and {@link Foo#bar the bar}.\n<p>Second paragraph.\n\n@param n how many\n   of them\n@return the sum";
        String html = JavadocFormat.html(doc);
        assertTrue(html.contains("<code>a &lt; b</code>") && html.contains("<code>the bar</code>"), html);
        assertTrue(html.contains("<dt>Parameters:</dt><dd><code>n</code> – how many\n   of them</dd>") && html.contains("<dt>Returns:</dt><dd>the sum</dd>"), html);
        String text = JavadocFormat.text(doc);
        assertTrue(text.startsWith("Keeps a < b and the bar.\n\nSecond paragraph."), text);
        assertTrue(text.contains("Parameters:\n  n – how many") && text.contains("Returns:\n  the sum"), text);
        assertEquals("the G completions", SourceDocs.paramTag("Doc.\n@param g   the G\n    completions\n@param x other", "g"));
    }
}
