package org.r1j.kernel.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r1j notebook}: installs the kernel and opens Jupyter on notebooks/, or says how to get Jupyter. */
@Command(name = "notebook", mixinStandardHelpOptions = true, description = "Install the kernel and open Jupyter on notebooks/.")
public final class NotebookCommand implements Callable<Integer> {
    @Option(names = "--classic", description = "use the classic Notebook even when JupyterLab is installed")
    boolean classic;

    @Option(names = "--no-browser", description = "start the server without opening a browser")
    boolean noBrowser;

    @Option(names = "--dry-run", description = "install the kernel and print the Jupyter command instead of running it")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        List<String> jupyter = jupyterCommand();
        if (jupyter == null) {
            System.err.println("""
                    r1j notebook: Jupyter is not installed (no `jupyter-lab` or `jupyter-notebook` on the PATH).
                      Get it with one of:
                        pipx install jupyterlab                      (any OS with pipx)
                        python3 -m pip install --user jupyterlab     (then make sure ~/.local/bin is on the PATH)
                        sudo apt-get install jupyter-notebook         (Debian/Ubuntu)
                      then run ./r1j notebook again.""");
            return 3;
        }
        Path root = Path.of(System.getProperty("r1j.root", ".")).toAbsolutePath().normalize();
        Path notebooks = root.resolve("notebooks");
        Path spec = KernelSpec.ofThisJvm("r1j (Java " + Runtime.version().feature() + ")").writeTo(KernelSpec.userKernelsDir().resolve("r1j"));
        System.out.println("installed kernel 'r1j' in " + spec.getParent());
        List<String> command = new ArrayList<>(jupyter);
        command.add("--notebook-dir=" + notebooks);
        if (noBrowser) {
            command.add("--no-browser");
        }
        if (dryRun) {
            System.out.println(String.join(" ", command));
            return 0;
        }
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private List<String> jupyterCommand() {
        if (!classic && onPath("jupyter-lab")) {
            return List.of("jupyter-lab");
        }
        if (onPath("jupyter-notebook")) {
            return List.of("jupyter-notebook");
        }
        return classic || !onPath("jupyter-lab") ? null : List.of("jupyter-lab");
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
