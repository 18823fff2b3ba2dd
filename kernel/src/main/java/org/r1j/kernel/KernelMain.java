package org.r1j.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.r1j.kernel.core.MagicRegistry;
import org.r1j.kernel.core.R1jKernel;
import org.r1j.kernel.control.ParentWatch;
import org.r1j.kernel.magics.BackgroundMagic;
import org.r1j.kernel.magics.ClasspathMagic;
import org.r1j.kernel.magics.JobsMagic;
import org.r1j.kernel.magics.LoadMagic;
import org.r1j.kernel.magics.TimeitMagic;
import org.r1j.kernel.magics.MemoryMagic;
import org.r1j.kernel.magics.ResetMagic;
import org.r1j.kernel.magics.StopMagic;
import org.r1j.kernel.magics.TimeoutMagic;
import org.r1j.kernel.magics.LsMagic;
import org.r1j.kernel.magics.LoadFromPomMagic;
import org.r1j.kernel.magics.MavenMagic;
import org.r1j.kernel.magics.MavenRepoMagic;
import org.r1j.kernel.magics.MavenResolver;
import org.r1j.kernel.magics.RewardMagic;
import org.r1j.kernel.magics.TimeMagic;

/** Assembles the kernel (every magic is registered here, by name) and serves one Jupyter connection. */
public final class KernelMain {
    private KernelMain() {}

    public static MagicRegistry defaultMagics() {
        TimeMagic time = new TimeMagic();
        ClasspathMagic classpath = new ClasspathMagic();
        MavenResolver maven = MavenResolver.fromEnvironment(); // one resolver: %mavenRepo's repositories serve %maven
        return new MagicRegistry()
                .line("time", "%time CODE", "run Java code (or a magic) and print its CPU and wall-clock time", time)
                .cell("time", "%%time", "run the cell and print its CPU and wall-clock time", time)
                .line("classpath", "%classpath [PATH...]", "add jars/class folders (globs like lib/*.jar); no args: list them", classpath)
                .line("jars", "%jars PATH...", "same as %classpath", classpath)
                .line("maven", "%maven [--offline] G:A:V...", "add Maven artifacts with their dependencies (Central, %mavenRepo, settings.xml mirrors)", new MavenMagic(maven))
                .line("mavenRepo", "%mavenRepo [ID URL]", "add a Maven repository (https: or file:) for %maven; no args: list them", new MavenRepoMagic(maven))
                .line("loadFromPOM", "%loadFromPOM FILE", "add a pom.xml's compile/runtime dependencies, as %maven does", new LoadFromPomMagic(maven))
                .line("lsmagic", "%lsmagic", "list the magics", new LsMagic())
                .line("timeit", "%timeit [-n N] [-r R] CODE", "mean ± std of one run of CODE over R timings of N runs", new TimeitMagic())
                .line("load", "%load FILE", "run a .java/.jsh file or another notebook's code cells here", new LoadMagic())
                .cell("background", "%%background NAME", "run the cell as background job NAME; its output keeps updating this cell", new BackgroundMagic())
                .line("jobs", "%jobs", "list background jobs with state and progress", new JobsMagic())
                .line("stop", "%stop NAME", "stop background job NAME at its next step (training checkpoints)", new StopMagic())
                .line("timeout", "%timeout [LIMIT|off]", "stop later cells that run longer than LIMIT (90s, 5m, 2h); no arg: show it", new TimeoutMagic())
                .line("memory", "%memory", "heap, off-heap (JavaCPP/ND4J) and GPU memory in use", new MemoryMagic())
                .line("reset", "%reset", "drop every variable, method and class of the cells and free their memory", new ResetMagic())
                .cell("reward", "%%reward [NAME]", "compile the cell as reward DSL; bind the program to NAME (default: reward)", new RewardMagic());
    }

    public static R1jKernel newKernel() {
        String version = KernelMain.class.getPackage().getImplementationVersion();
        R1jKernel kernel = new R1jKernel(version == null ? "0.1.0-SNAPSHOT" : version, defaultMagics());
        kernel.onStartup();
        return kernel;
    }

    /** Serves the connection described by Jupyter's connection file until the client shuts the kernel down. */
    public static void serve(Path connectionFile) throws IOException, java.security.GeneralSecurityException {
        if (!Files.isRegularFile(connectionFile)) {
            throw new IOException("no connection file at " + connectionFile + " (Jupyter passes it as {connection_file})");
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        ParentWatch.fromEnvironment(); // no orphan JVM holding memory or a GPU when Jupyter dies
        JupyterConnection connection = new JupyterConnection(properties);
        R1jKernel kernel = newKernel();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
