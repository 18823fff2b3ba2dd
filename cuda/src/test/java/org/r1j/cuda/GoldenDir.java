package org.r1j.cuda;

import java.nio.file.Path;
import org.r1j.cuda.golden.GoldenCases;

/** The golden cases, written once per test JVM into target/cuda-goldens (build-kit.sh packs that folder). */
final class GoldenDir {
    private static Path dir;

    private GoldenDir() {}

    static synchronized Path get() throws Exception {
        if (dir == null) {
            Path d = Path.of("target", "cuda-goldens");
            HostKernelsTest.deleteTree(d);
            GoldenCases.write(d);
            dir = d;
        }
        return dir;
    }
}
