package org.r1j.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --torch-threads: the default settings, the spelling, and the environment each python run gets. */
class TorchBenchSettingTest {
    @Test
    void defaultsAreOneThreadAllCpusAndFreeBlas() {
        assertEquals(List.of(new TorchSetting(1, false), new TorchSetting(2, false), new TorchSetting(1, true)),
                TorchSetting.defaults(2));
        assertEquals(List.of("1", "8", "1+blas"), TorchSetting.defaults(8).stream().map(TorchSetting::label).toList());
        // one CPU: "1" and "<CPU count>" are the same run, done once
        assertEquals(List.of("1", "1+blas"), TorchSetting.defaults(1).stream().map(TorchSetting::label).toList());
    }

    @Test
    void parsesWhatLabelPrintsAndRejectsTheRest() {
        List<TorchSetting> s = TorchSetting.parseList(" 1, 2 ,1+blas,2+blas,1");
        assertEquals(List.of("1", "2", "1+blas", "2+blas"), s.stream().map(TorchSetting::label).toList());
        for (String bad : new String[] {"", "0", "x", "1+mkl", "-1", "1,,2"})
            assertThrows(IllegalArgumentException.class, () -> TorchSetting.parseList(bad), bad);
    }

    @Test
    void pinnedSettingsSetBothBlasVariablesAndFreeRemovesThem() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", "1", "GOTO_NUM_THREADS", "1", "PATH", "/bin"));
        new TorchSetting(2, false).applyTo(env);
        assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "2", "PATH", "/bin"), env);
        new TorchSetting(1, true).applyTo(env);
        assertEquals(Map.of("PATH", "/bin"), env);
        assertFalse(env.containsKey("OMP_NUM_THREADS"));
    }

    @Test
    void aBadTorchThreadsIsAUsageErrorBeforeAnythingRuns() {
        assertEquals(2, new CommandLine(new ModelBenchCommand()).execute("--torch-threads", "1,two"));
    }
}
