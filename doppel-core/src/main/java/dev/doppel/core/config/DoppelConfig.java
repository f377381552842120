package dev.doppel.core.config;

import java.nio.file.Path;

/** A loaded, validated config file. {@code target} is null when the file names none. */
public record DoppelConfig(Path file, ConnectionConfig source, ConnectionConfig target, MaskingPolicy masking) {}
