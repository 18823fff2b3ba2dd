package org.r1j.cli;

import picocli.CommandLine;

/** `r1j --version`: the build version and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
                "r1j " + (version == null ? "0.1.0-SNAPSHOT" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
