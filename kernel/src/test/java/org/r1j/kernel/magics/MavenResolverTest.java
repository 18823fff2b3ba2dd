package org.r1j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.kernel.core.MagicException;

/** Maven Resolver in-process against a file repository made here (no network). */
class MavenResolverTest {
    @TempDir
    Path dir;

    /** A Maven repository in {@code root} with {@code g:a:v} (one marker file in its jar) depending on {@code deps}. */
    static void publish(Path root, String g, String a, String v, String... deps) throws Exception {
        Path d = root.resolve(g.replace('.', '/')).resolve(a).resolve(v);
        Files.createDirectories(d);
        StringBuilder dependencies = new StringBuilder();
        for (String dep : deps) {
            String[] p = dep.split(":");
            dependencies.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>");
        }
        Files.writeString(d.resolve(a + "-" + v + ".pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v + "</version>"
                + "<dependencies>" + dependencies + "</dependencies></project>");
        try (OutputStream out = Files.newOutputStream(d.resolve(a + "-" + v + ".jar")); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new ZipEntry(a + ".txt"));
            jar.write(a.getBytes());
        }
    }

    @Test
    void resolvesTransitivelyFromAnAddedFileRepositoryIntoTheLocalRepository() throws Exception {
        Path remote = dir.resolve("remote");
        publish(remote, "org.r1j.test", "greeting", "1.0");
        publish(remote, "org.r1j.test", "hello", "1.0", "org.r1j.test:greeting:1.0");
        Path local = dir.resolve("local");
        MavenResolver resolver = new MavenResolver(dir.resolve("no-settings.xml"), local);
        resolver.addRepository("test", remote.toUri().toString());
        List<Path> jars = resolver.resolve(List.of("org.r1j.test:hello:1.0"), true); // offline: Central is never asked
        assertEquals(List.of("hello-1.0.jar", "greeting-1.0.jar"), jars.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(jars.get(0).startsWith(local), "copied into the local repository: " + jars.get(0));
        assertEquals(List.of("central", "test"), resolver.repositories().stream().map(r -> r.getId()).toList());
    }

    @Test
    void honoursSettingsMirrorsAndOffline() throws Exception {
        Path mirror = dir.resolve("mirror");
        publish(mirror, "org.r1j.test", "mirrored", "2.0");
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("m2") + "</localRepository><mirrors><mirror><id>inhouse</id>"
                + "<mirrorOf>*</mirrorOf><url>" + mirror.toUri() + "</url></mirror></mirrors></settings>");
        MavenResolver resolver = new MavenResolver(settings, null);
        // central is mirrored by the file repository: resolving from "Central" reads the mirror
        List<Path> jars = resolver.resolve(List.of("org.r1j.test:mirrored:2.0"), false);
        assertEquals(dir.resolve("m2/org/r1j/test/mirrored/2.0/mirrored-2.0.jar"), jars.get(0));
        // offline in settings.xml: what is not in the local repository fails with the reason
        Files.writeString(settings, "<settings><offline>true</offline><localRepository>" + dir.resolve("m2b") + "</localRepository></settings>");
        DependencyResolutionException e = assertThrows(DependencyResolutionException.class,
                () -> new MavenResolver(settings, null).resolve(List.of("org.r1j.test:mirrored:2.0"), false));
        assertTrue(MavenResolver.describe(e).contains("offline"), MavenResolver.describe(e));
    }

    @Test
    void badInputSaysWhy() throws Exception {
        MagicException e = assertThrows(MagicException.class, () -> MavenResolver.artifact("commons-csv"));
        assertTrue(e.getMessage().contains("expected groupId:artifactId:version"));
        assertEquals("linux-x86_64", MavenResolver.artifact("g:a:jar:linux-x86_64:2").getClassifier());
        MavenResolver resolver = new MavenResolver(dir.resolve("none.xml"), dir);
        assertThrows(MagicException.class, () -> resolver.addRepository("x", "ftp://old"));
        Path broken = dir.resolve("settings.xml");
        Files.writeString(broken, "<settings><mirrors><mirror>");
        MagicException s = assertThrows(MagicException.class, () -> new MavenResolver(broken, dir).settings());
        assertTrue(s.getMessage().startsWith(broken.toString()), s.getMessage());
    }

    @Test
    void pomPropertiesAreInterpolated() {
        assertEquals("1.2.3", LoadFromPomMagic.interpolate("${a}", Map.of("a", "${b}", "b", "1.2.3")));
        assertEquals("${missing}", LoadFromPomMagic.interpolate("${missing}", Map.of()));
    }

    @Test
    void artifactsTheKernelHasAreRecognisedAcrossVersions() {
        Path mine = Path.of("/m2/com/google/guava/guava/33.0.0-jre/guava-33.0.0-jre.jar");
        Path other = Path.of("/m2/com/google/guava/guava/31.1-jre/guava-31.1-jre.jar");
        assertEquals(MavenMagic.artifactDir(mine), MavenMagic.artifactDir(other));
        assertTrue(MavenMagic.artifactDirs(mine + java.io.File.pathSeparator + "/x/classes").contains(MavenMagic.artifactDir(other)));
    }
}
