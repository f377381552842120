package dev.doppel.cli;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option shared by the commands that read a config. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The config file (YAML). See docs/configuration.md.")
    Path file;

    DoppelConfig load(TransformerRegistry registry) {
        return new ConfigLoader(registry).load(file);
    }
}
