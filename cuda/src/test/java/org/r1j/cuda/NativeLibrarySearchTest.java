package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrarySearchTest {
    @TempDir
    Path root;

    private Path lib(String dir, String soname) throws Exception {
        Path d = root.resolve(dir);
        Files.createDirectories(d);
        return Files.writeString(d.resolve(soname), "not really a library");
    }

    @Test
    void findsCuda13WheelsInSitePackages() throws Exception {
        Path f = lib("usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib", "libcublas.so.13");
        NativeLibrarySearch s = new NativeLibrarySearch(Map.of(), root, null);
        assertEquals(f, s.find("libcublas.so.13", new ArrayList<>()));
    }

    @Test
    void findsAVirtualEnvsWheelsAndToolkitFolders() throws Exception {
        Path venv = root.resolve("venv");
        Path f = lib("venv/lib/python3.11/site-packages/nvidia/cublas/lib", "libcublasLt.so.13");
        assertEquals(f, new NativeLibrarySearch(Map.of("VIRTUAL_ENV", venv.toString()), root, null).find("libcublasLt.so.13", new ArrayList<>()));
        Path t = lib("usr/local/cuda-13.0/targets/x86_64-linux/lib", "libcudart.so.13");
        assertEquals(t, new NativeLibrarySearch(Map.of(), root, null).find("libcudart.so.13", new ArrayList<>()));
    }

    @Test
    void explicitFoldersComeFirst() throws Exception {
        lib("usr/lib/x86_64-linux-gnu", "libcuda.so.1");
        Path mine = lib("mine", "libcuda.so.1");
        Path ld = lib("ld", "libcuda.so.1");
        assertEquals(mine, new NativeLibrarySearch(Map.of("R1J_CUDA_LIBRARY_PATH", mine.getParent().toString(),
                "LD_LIBRARY_PATH", ld.getParent().toString()), root, null).find("libcuda.so.1", new ArrayList<>()));
        assertEquals(ld, new NativeLibrarySearch(Map.of("LD_LIBRARY_PATH", "/nonexistent:" + ld.getParent()), root, null)
                .find("libcuda.so.1", new ArrayList<>()));
    }

    @Test
    void readsTheLdconfigCache() throws Exception {
        Path f = lib("opt/nvidia", "libcuda.so.1");
        String cache = "1234 libs found in cache `/etc/ld.so.cache'\n"
                + "\tlibcuda.so.1 (libc6,x86-64) => " + f + "\n"
                + "\tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6\n";
        assertEquals(f, new NativeLibrarySearch(Map.of(), root, cache).find("libcuda.so.1", new ArrayList<>()));
    }

    @Test
    void aMissingLibraryIsOneErrorNamingEverythingSearched() {
        List<String> searched = new ArrayList<>();
        NativeLibrarySearch s = new NativeLibrarySearch(Map.of("LD_LIBRARY_PATH", "/somewhere/else"), root, null);
        assertNull(s.find("libcublas.so.13", searched));
        var e = assertThrows(MissingLibraryException.class, () -> s.open("libr1j-no-such.so.13", Arena.ofAuto()));
        String m = e.getMessage();
        assertTrue(m.startsWith("libr1j-no-such.so.13 not found: "), m);
        for (String place : List.of("R1J_CUDA_LIBRARY_PATH (none)", "LD_LIBRARY_PATH [/somewhere/else]", "ldconfig cache",
                "CUDA_HOME/CUDA_PATH", "/usr/local/cuda*", "system folders", "pip nvidia-* wheels", "dynamic loader"))
            assertTrue(m.contains(place), place + " in: " + m);
        assertTrue(m.contains("set R1J_CUDA_LIBRARY_PATH"), m);
    }

    @Test
    void theDriversErrorSaysNoDriver() {
        String m = NativeLibrarySearch.missing("libcuda.so.1", List.of("LD_LIBRARY_PATH (none)"));
        assertTrue(m.contains("the NVIDIA driver is not installed"), m);
    }
}
