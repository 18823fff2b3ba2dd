package org.r1j.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a CUDA library by soname ({@code libcuda.so.1}, {@code libcublas.so.13}, ...) where CUDA installs put
 * it, in this order: {@code R1J_CUDA_LIBRARY_PATH}, {@code LD_LIBRARY_PATH}, the {@code ldconfig} cache,
 * {@code CUDA_HOME}/{@code CUDA_PATH}, {@code /usr/local/cuda*}, the system library folders (and WSL's), and the
 * lib folders of pip's {@code nvidia-*} wheels (and torch's) in the Python environments it can see. What it does
 * not find there it leaves to the dynamic loader; failing that, one {@link MissingLibraryException} names the
 * library and every place searched.
 */
public final class NativeLibrarySearch {
    private final Map<String, String> env;
    private final Path root;            // "/" in use; a temporary folder in tests
    private final String ldconfig;      // `ldconfig -p` output, or null when none ran

    public NativeLibrarySearch(Map<String, String> env, Path root, String ldconfigOutput) {
        this.env = env;
        this.root = root;
        this.ldconfig = ldconfigOutput;
    }

    /** This machine's search: the real environment, file system and ldconfig cache. */
    public static NativeLibrarySearch system() {
        return new NativeLibrarySearch(System.getenv(), Path.of("/"), ldconfigCache());
    }

    /** Opens {@code soname} with the first file found, else through the dynamic loader, else says what was searched. */
    public SymbolLookup open(String soname, Arena arena) {
        List<String> searched = new ArrayList<>();
        Path file = find(soname, searched);
        if (file != null) {
            try {
                return SymbolLookup.libraryLookup(file, arena);
            } catch (IllegalArgumentException e) {
                throw new MissingLibraryException(soname + " was found at " + file + " but could not be loaded: " + e.getMessage());
            }
        }
        try {
            return SymbolLookup.libraryLookup(soname, arena);   // the loader's own path (rpath, default folders)
        } catch (IllegalArgumentException e) {
            throw new MissingLibraryException(missing(soname, searched));
        }
    }

    /** The first {@code soname} file in the searched folders, or null; {@code searched} gets what was looked at. */
    public Path find(String soname, List<String> searched) {
        for (Place place : places()) {
            searched.add(place.describe());
            for (Path dir : place.dirs()) {
                Path f = dir.resolve(soname);
                if (Files.isRegularFile(f) || Files.isSymbolicLink(f) && Files.exists(f)) return f;
            }
            if (place.name().startsWith("ldconfig") && ldconfig != null) {
                for (String line : ldconfig.split("\n")) {
                    String t = line.trim();
                    int arrow = t.indexOf("=>");
                    if (t.startsWith(soname + " ") && arrow > 0 && (t.contains("x86-64") || t.contains("AArch64") || !t.contains("("))) {
                        Path f = Path.of(t.substring(arrow + 2).trim());
                        if (Files.exists(f)) return f;
                    }
                }
            }
        }
        return null;
    }

    static String missing(String soname, List<String> searched) {
        String hint = soname.startsWith("libcuda.")
                ? "the NVIDIA driver is not installed (no GPU machine?)"
                : "install the CUDA 13 toolkit's libraries or `pip install nvidia-cublas` (CUDA 13 wheels)";
        return soname + " not found: " + hint + "; set R1J_CUDA_LIBRARY_PATH to the folder that holds it. Searched: "
                + String.join("; ", searched) + "; the dynamic loader's default path";
    }

    record Place(String name, List<Path> dirs) {
        String describe() {
            return name.startsWith("ldconfig") || !dirs.isEmpty() ? name + (dirs.isEmpty() ? "" : " " + dirs) : name + " (none)";
        }
    }

    List<Place> places() {
        List<Place> places = new ArrayList<>();
        places.add(new Place("R1J_CUDA_LIBRARY_PATH", pathList(env.get("R1J_CUDA_LIBRARY_PATH"))));
        places.add(new Place("LD_LIBRARY_PATH", pathList(env.get("LD_LIBRARY_PATH"))));
        places.add(new Place(ldconfig == null ? "ldconfig cache (ldconfig -p unavailable)" : "ldconfig cache", List.of()));
        List<Path> cudaHomes = new ArrayList<>();
        for (String k : List.of("CUDA_HOME", "CUDA_PATH")) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) cudaHomes.addAll(cudaLibDirs(Path.of(v)));
        }
        places.add(new Place("CUDA_HOME/CUDA_PATH", cudaHomes));
        List<Path> local = new ArrayList<>(cudaLibDirs(at("/usr/local/cuda")));
        for (Path d : glob(at("/usr/local"), "cuda-*")) local.addAll(cudaLibDirs(d));
        places.add(new Place("/usr/local/cuda*", existing(local)));
        places.add(new Place("system folders", existing(List.of(at("/usr/lib/x86_64-linux-gnu"), at("/usr/lib64"), at("/usr/lib"),
                at("/usr/lib/wsl/lib"), at("/usr/lib/aarch64-linux-gnu")))));
        places.add(new Place("pip nvidia-* wheels", wheelDirs()));
        return places;
    }

    private Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static List<Path> cudaLibDirs(Path home) {
        return List.of(home.resolve("lib64"), home.resolve("lib"), home.resolve("targets/x86_64-linux/lib"), home.resolve("targets/sbsa-linux/lib"));
    }

    private List<Path> pathList(String value) {
        List<Path> out = new ArrayList<>();
        if (value == null) return out;
        for (String p : value.split(":")) if (!p.isBlank()) out.add(Path.of(p));
        return out;
    }

    /** site-packages/nvidia/{@literal *}/lib (CUDA 13 wheels: nvidia/cu13/lib) and torch/lib of every Python env in sight. */
    private List<Path> wheelDirs() {
        Set<Path> sites = new LinkedHashSet<>();
        for (String k : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) sites.addAll(sitePackages(Path.of(v).resolve("lib")));
        }
        String home = env.get("HOME");
        if (home != null) sites.addAll(sitePackages(Path.of(home).resolve(".local/lib")));
        for (String prefix : List.of("/usr/local/lib", "/usr/lib", "/opt/conda/lib", "/usr/lib64")) sites.addAll(sitePackages(at(prefix)));
        sites.add(at("/usr/lib/python3/dist-packages"));
        List<Path> dirs = new ArrayList<>();
        for (Path site : sites) {
            for (Path pkg : glob(site.resolve("nvidia"), "*")) {
                if (Files.isDirectory(pkg.resolve("lib"))) dirs.add(pkg.resolve("lib"));
            }
            if (Files.isDirectory(site.resolve("torch/lib"))) dirs.add(site.resolve("torch/lib"));
        }
        return dirs;
    }

    private static List<Path> sitePackages(Path lib) {
        List<Path> out = new ArrayList<>();
        for (Path py : glob(lib, "python3*")) {
            for (String s : List.of("site-packages", "dist-packages")) if (Files.isDirectory(py.resolve(s))) out.add(py.resolve(s));
        }
        return out;
    }

    /** Entries of dir matching a glob, newest version last-first (cuda-13.0 before cuda-12.4). */
    private static List<Path> glob(Path dir, String pattern) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern)) {
            s.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Path::toString).reversed());
        return out;
    }

    private static List<Path> existing(List<Path> dirs) {
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    private static String ldconfigCache() {
        for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() == 0) return out;
            } catch (IOException e) {
                // next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
