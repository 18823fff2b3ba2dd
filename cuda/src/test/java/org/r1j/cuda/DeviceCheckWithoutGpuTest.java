package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.cuda.check.DeviceCheck;
import org.r1j.cuda.driver.CudaDriver;

/** The device check on a machine without a GPU: it probes, reports the missing driver in its report, exits 3. */
class DeviceCheckWithoutGpuTest {
    @Test
    void reportsNoUsableGpu(@TempDir Path out) throws Exception {
        assumeTrue(NativeLibrarySearch.system().find(CudaDriver.SONAME, new ArrayList<>()) == null, "this machine has a driver");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DeviceCheck.class.getName(), "--out", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(3, p.waitFor(), log);
        String md = Files.readString(out.resolve("device-check.md"));
        assertTrue(md.contains("**No usable GPU:** libcuda.so.1 not found: the NVIDIA driver is not installed"), md);
        assertTrue(md.contains("fatbin: [compute_80, sm_80, sm_86, sm_89, sm_90]"), md);
        String json = Files.readString(out.resolve("device-check.json"));
        assertTrue(json.contains("\"error\": \"libcuda.so.1 not found"), json);
    }

    @Test
    void writesTheBenchmarkPlanForPyTorch(@TempDir Path out) throws Exception {
        Path plan = out.resolve("plan.json");
        DeviceCheck.main(new String[] {"--plan", plan.toString()});
        String json = Files.readString(plan);
        assertTrue(json.contains("\"op\": \"causal_softmax\"") && json.contains("\"V\": 151936"), json);
    }
}
