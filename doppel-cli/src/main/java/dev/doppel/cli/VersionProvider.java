package dev.doppel.cli;

import picocli.CommandLine;

/** The version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Doppel.class.getPackage().getImplementationVersion();
        return new String[] {"doppel " + (version == null ? "(development build)" : version)};
    }
}
