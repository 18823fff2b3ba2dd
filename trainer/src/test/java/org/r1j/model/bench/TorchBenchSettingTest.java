package org.r1j.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --torch-threads: the default settings, the spelling, and the environment each python run gets. */
class TorchBenchSettingTest {
    @Test
    void defaultsAreOneThreadAllCpusOverOneAndAllBlasThreadsAndFreeBlas() {
        assertEquals(List.of(new TorchSetting(1, 1), new TorchSetting(2, 1), new TorchSetting(2, 2),
                new TorchSetting(1, TorchSetting.FREE)), TorchSetting.defaults(2));
        assertEquals(List.of("1/1", "8/1", "8/8", "1/free"), labels(TorchSetting.defaults(8)));
        // one CPU: "1/1" and "<CPUs>/1" and "<CPUs>/<CPUs>" are the same run, done once
        assertEquals(List.of("1/1", "1/free"), labels(TorchSetting.defaults(1)));
    }

    @Test
    void parsesWhatLabelPrintsAndRejectsTheRest() {
        assertEquals(List.of("1/1", "2/1", "2/2", "1/free", "3/free"), labels(TorchSetting.parseList(" 1, 2/1 ,2/2,1/free,3/free,1/1")));
        for (String bad : new String[] {"", "0", "x", "free", "1/mkl", "1/0", "-1", "1,,2", "1/2/3", "1+blas"})
            assertThrows(IllegalArgumentException.class, () -> TorchSetting.parseList(bad), bad);
    }

    @Test
    void pinnedSettingsSetBothVariablesAndFreeRemovesThem() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", "1", "GOTO_NUM_THREADS", "1", "PATH", "/bin"));
        new TorchSetting(2, 1).applyTo(env);
        assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1", "PATH", "/bin"), env);
        new TorchSetting(1, TorchSetting.FREE).applyTo(env);
        assertEquals(Map.of("PATH", "/bin"), env);
    }

    private static List<String> labels(List<TorchSetting> s) {
        return s.stream().map(TorchSetting::label).toList();
    }

    @Test
    void aBadTorchThreadsIsAUsageErrorBeforeAnythingRuns() {
        assertEquals(2, new CommandLine(new ModelBenchCommand()).execute("--torch-threads", "1,two"));
    }
}
