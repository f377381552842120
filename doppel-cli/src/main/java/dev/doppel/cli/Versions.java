package dev.doppel.cli;

/** doppel's own version, from the jar's manifest. */
final class Versions {
    private Versions() {}

    static String tool() {
        String version = Doppel.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
