package org.r1j.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JavaEvaluatorTest {
    static JavaEvaluator java;

    @BeforeAll
    static void start() {
        java = new JavaEvaluator();
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    @Test
    void lastExpressionIsTheLiveValue() {
        JavaEvaluator.Value v = java.eval("int a = 20;\nint b = 22;\na + b", 1, 1);
        assertTrue(v.hasValue());
        assertEquals(42, v.value());
        assertFalse(java.eval("int c = 1;", 2, 1).hasValue());
        assertFalse(java.eval("System.out.print(\"\")", 3, 1).hasValue());
    }

    @Test
    void objectsAreSharedWithTheKernelJvm() {
        // Same class loader as the kernel: a kernel class seen from a cell is the very same Class object.
        JavaEvaluator.Value v = java.eval("org.r1j.kernel.jshell.CellPosition.class", 1, 1);
        assertSame(CellPosition.class, v.value());
        JavaEvaluator.Value list = java.eval("new java.util.ArrayList<String>(java.util.List.of(\"x\"))", 2, 1);
        assertEquals(List.of("x"), list.value());
    }

    @Test
    void compileErrorsPointAtTheCellLine() {
        CellCompileException e = assertThrows(CellCompileException.class,
                () -> java.eval("int ok = 1;\nint y = nope + 1;", 4, 1));
        assertTrue(e.getMessage().startsWith("error at cell line 2:9: cannot find symbol"), e.getMessage());
        assertTrue(e.getMessage().contains("int y = nope + 1;\n            ^"), e.getMessage());
        // With a magic line above the code, lines are counted from the top of the cell.
        CellCompileException shifted = assertThrows(CellCompileException.class, () -> java.eval("String s = 1;", 5, 3));
        assertTrue(shifted.getMessage().startsWith("error at cell line 3:12: incompatible types"), shifted.getMessage());
    }

    @Test
    void runtimeErrorsCarryTheLiveExceptionAndCellLines() {
        java.eval("void boom(int x) {\n  if (x > 0) throw new IllegalStateException(\"bad x \" + x);\n}", 6, 1);
        CellRuntimeException e = assertThrows(CellRuntimeException.class, () -> java.eval("int z = 0;\nboom(3);", 7, 1));
        assertInstanceOf(IllegalStateException.class, e.thrown());
        assertEquals("bad x 3", e.thrown().getMessage());
        assertEquals(List.of("boom (cell [6] line 2)", "cell [7] line 2"), e.cellFrames());
    }

    @Test
    void completesAndInspects() {
        java.eval("String greeting = \"hi\";", 8, 1);
        String code = "int n = 1;\ngreeting.toUpp";
        int[] anchor = new int[1];
        List<String> names = java.complete(code, code.length(), anchor).stream().map(s -> s.continuation()).toList();
        assertTrue(names.contains("toUpperCase("), names.toString());
        assertEquals(code.indexOf("toUpp"), anchor[0]);
        assertFalse(java.documentation("Math.max(", 9, false).isEmpty());
    }

    @Test
    void completeness() {
        assertEquals(Completeness.COMPLETE, java.completeness("int q = 1;\nq + 1"));
        assertEquals(Completeness.DEFINITELY_INCOMPLETE, java.completeness("for (int i = 0; i < 3; i++) {"));
    }
}
