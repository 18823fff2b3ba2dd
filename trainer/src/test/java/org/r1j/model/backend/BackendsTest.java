package org.r1j.model.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.nd4j.Nd4jBackend;

/** Choosing a backend by name: the built-in ones, and the errors for one that is not there. */
class BackendsTest {
    @Test
    void builtInBackendsByName() {
        assertSame(Nd4jBackend.INSTANCE, Backends.select("nd4j", DataType.DOUBLE));
        assertSame(Nd4jBackend.INSTANCE, Backends.select(" ND4J ", DataType.FLOAT));
        assertSame(Nd4jBackend.INSTANCE, Backends.select("auto", DataType.DOUBLE));
    }

    @Test
    void cudaWithoutTheCudaJarOnTheClassPathSaysWhere() {
        // trainer's own tests never have the cuda module on the class path (trainer does not depend on it)
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda", DataType.FLOAT));
        assertTrue(e.getMessage().startsWith("backend cuda is not on the class path (it is the r1j cuda module's jar"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use one of " + Backends.NAMES), e.getMessage());
    }

    @Test
    void cpuIsAnotherNameForAuto() {
        assertSame(Backends.select("auto", DataType.FLOAT), Backends.select("cpu", DataType.FLOAT));
        assertSame(Nd4jBackend.INSTANCE, Backends.select("CPU", DataType.DOUBLE));
        assertTrue(Backends.isCpu("cpu") && Backends.isCpu(" Simd ") && Backends.isCpu(null) && !Backends.isCpu("cuda"));
    }

    @Test
    void theSystemPropertyIsTheDefault() {
        String before = System.getProperty("r1j.backend");
        try {
            System.setProperty("r1j.backend", "nd4j");
            assertEquals("nd4j", Backends.defaultName());
            assertSame(Nd4jBackend.INSTANCE, Backends.forDtype(DataType.FLOAT));
        } finally {
            if (before == null) System.clearProperty("r1j.backend"); else System.setProperty("r1j.backend", before);
        }
    }

    @Test
    void unknownNamesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu", DataType.FLOAT));
        assertEquals("unknown backend 'tpu'; use one of " + Backends.NAMES, e.getMessage());
    }
}
