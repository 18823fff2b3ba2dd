package org.r1j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.kernel.core.MagicException;

class ClasspathMagicTest {
    @Test
    void aClasspathFileAddsEachOfItsEntries(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar")), b = Files.createDirectory(dir.resolve("classes"));
        Path cp = Files.writeString(dir.resolve("deps.classpath"), a + File.pathSeparator + b + "\n");
        assertEquals(List.of(a.toString(), b.toString()), ClasspathMagic.expand("@" + cp));
        Files.writeString(cp, a + File.pathSeparator + dir.resolve("gone.jar"));
        MagicException e = assertThrows(MagicException.class, () -> ClasspathMagic.expand("@" + cp));
        assertTrue(e.getMessage().contains("gone.jar"), e.getMessage());
        assertThrows(MagicException.class, () -> ClasspathMagic.expand("@" + dir.resolve("none.classpath")));
    }
}
