package org.r1j.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellParserTest {
    @Test
    void cellMagicTakesTheWholeCellAndKnowsWhereItsBodyStarts() {
        List<CellPart> parts = CellParser.parse("\n%%reward accuracy\nreward r = 1\n");
        assertEquals(1, parts.size());
        CellPart.CellMagicCall m = (CellPart.CellMagicCall) parts.get(0);
        assertEquals("reward", m.name());
        assertEquals(List.of("accuracy"), m.args());
        assertEquals("reward r = 1\n", m.body());
        assertEquals(3, m.bodyLine());
    }

    @Test
    void lineMagicsSplitJavaCodeInOrderWithCellLines() {
        List<CellPart> parts = CellParser.parse("int a = 1;\n%classpath lib/*.jar\nint b = 2;\nb");
        assertEquals(3, parts.size());
        assertEquals(new CellPart.Java("int a = 1;", 1), parts.get(0));
        assertEquals(new CellPart.LineMagicCall("classpath", List.of("lib/*.jar"), "lib/*.jar", 2), parts.get(1));
        assertEquals(new CellPart.Java("int b = 2;\nb", 3), parts.get(2));
    }

    @Test
    void javaModuloIsNotAMagic() {
        List<CellPart> parts = CellParser.parse("int r = 10\n% 3;");
        assertEquals(List.of(new CellPart.Java("int r = 10\n% 3;", 1)), parts);
    }

    @Test
    void argumentsHonourQuotes() {
        assertEquals(List.of("a b", "c", "d e"), CellParser.splitArgs("\"a b\" c 'd e'"));
        assertEquals(List.of(), CellParser.splitArgs("   "));
        MagicException e = assertThrows(MagicException.class, () -> CellParser.splitArgs("\"open"));
        assertEquals("unclosed \" in magic arguments: \"open", e.getMessage());
    }
}
