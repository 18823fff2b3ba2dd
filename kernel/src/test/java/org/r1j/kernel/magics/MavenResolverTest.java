package org.r1j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.r1j.kernel.core.MagicException;

class MavenResolverTest {
    @Test
    void coordinatesBecomeDependencies() {
        assertEquals("<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>",
                MavenResolver.dependencyXml("g:a:1.0"));
        assertTrue(MavenResolver.dependencyXml("g:a:jar:linux-x86_64:2").contains("<classifier>linux-x86_64</classifier>"));
        assertTrue(MavenResolver.pom(List.of("g:a:1", "h:b:2")).contains("<artifactId>b</artifactId>"));
        MagicException e = assertThrows(MagicException.class, () -> MavenResolver.dependencyXml("commons-csv"));
        assertTrue(e.getMessage().contains("expected groupId:artifactId:version"));
    }

    @Test
    void artifactsTheKernelHasAreRecognisedAcrossVersions() {
        Path mine = Path.of("/m2/com/google/guava/guava/33.0.0-jre/guava-33.0.0-jre.jar");
        Path other = Path.of("/m2/com/google/guava/guava/31.1-jre/guava-31.1-jre.jar");
        assertEquals(MavenMagic.artifactDir(mine), MavenMagic.artifactDir(other));
        assertTrue(MavenMagic.artifactDirs(mine + java.io.File.pathSeparator + "/x/classes").contains(MavenMagic.artifactDir(other)));
    }
}
