package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed fatbin is built from the committed sources and holds every image the project promises. */
class FatbinCurrentTest {
    private static final Path SOURCES = Path.of("src/main/cuda");

    /** The hash build-fatbin.sh records: sha256 of `sha256sum` lines over the sources in C-locale order. */
    static String sourcesHash(Path dir) throws Exception {
        List<String> names;
        try (Stream<Path> s = Files.walk(dir)) {
            names = s.filter(Files::isRegularFile).map(p -> "./" + dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".cu") || n.endsWith(".cuh")).sorted().toList();
        }
        StringBuilder listing = new StringBuilder();
        for (String n : names) {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(n.substring(2))));
            listing.append(HexFormat.of().formatHex(d)).append("  ").append(n).append('\n');
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fatbinWasRebuiltAfterTheLastSourceChange() throws Exception {
        Properties stamp = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/org/r1j/cuda/r1j_kernels.fatbin.stamp"))) {
            stamp.load(in);
        }
        assertEquals(stamp.getProperty("sources.sha256"), sourcesHash(SOURCES),
                "src/main/cuda changed since the fatbin was built: run cuda/src/build/build-fatbin.sh and commit the fatbin and its stamp");
    }

    @Test
    void fatbinHoldsSassForEveryPromisedGpuAndPortablePtx() {
        List<Fatbin.Image> images = Fatbin.images(Fatbin.load());
        List<String> names = images.stream().map(Fatbin.Image::toString).sorted().toList();
        assertEquals(List.of("compute_80", "sm_80", "sm_86", "sm_89", "sm_90"), names, "images " + images);
        assertTrue(images.stream().allMatch(i -> i.bytes() > 1000), "every image has a body: " + images);
    }

    @Test
    void aChangedSourceChangesTheHash(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.cu"), "__global__ void k() {}\n");
        String before = sourcesHash(tmp);
        Files.writeString(tmp.resolve("a.cu"), "__global__ void k() { }\n");
        assertTrue(!before.equals(sourcesHash(tmp)));
    }

    @Test
    void somethingElseIsNotTakenForAFatbin() {
        var e = assertThrows(IllegalArgumentException.class, () -> Fatbin.images("not a fatbin at all".getBytes()));
        assertTrue(e.getMessage().startsWith("not a fatbin"), e.getMessage());
    }
}
