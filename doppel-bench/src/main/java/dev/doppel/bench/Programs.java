package dev.doppel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds a command-line program: in a directory of its own first (a server's bin/), then on the PATH. */
final class Programs {
    private Programs() {}

    /** The first of the names found, as a path. */
    static Optional<Path> find(Optional<Path> directory, String... names) {
        Stream<Path> directories = Stream.concat(directory.stream(),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(d -> !d.isEmpty()).map(Path::of));
        return directories.flatMap(d -> Stream.of(names).map(d::resolve)).filter(Files::isExecutable).findFirst();
    }
}
