package dev.doppel.cli;

import picocli.CommandLine;

/** The version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"doppel " + version()};
    }

    /** The version, or "(development build)" when not running from the jar. */
    static String version() {
        String version = Doppel.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
