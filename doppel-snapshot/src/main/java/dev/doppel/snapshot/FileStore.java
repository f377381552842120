package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A folder on a local or mounted file system. Uploads go to a {@code .partial} file renamed on commit. */
final class FileStore implements SnapshotStore {
    private static final String PARTIAL = ".partial";
    private final Path root;

    FileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String uri() {
        String uri = root.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new DoppelException(ExitCode.PRIVACY_GATE, "The snapshot names a file outside its folder: " + path);
        }
        return file;
    }

    @Override
    public Upload upload(String path) {
        Path target = resolve(path);
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        try {
            Files.createDirectories(target.getParent());
            OutputStream out = Files.newOutputStream(partial);
            return new Upload() {
                @Override
                public OutputStream stream() {
                    return out;
                }

                @Override
                public void commit() {
                    try {
                        out.close();
                        try {
                            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    } catch (IOException e) {
                        throw failure("write", path, e);
                    }
                }

                @Override
                public void abort() {
                    try {
                        out.close();
                        Files.deleteIfExists(partial);
                    } catch (IOException ignored) {
                        // the partial file is ignored by readers and removed by prune
                    }
                }
            };
        } catch (IOException e) {
            throw failure("write", path, e);
        }
    }

    @Override
    public Optional<InputStream> open(String path) {
        try {
            return Optional.of(Files.newInputStream(resolve(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public Optional<Local> fetch(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new Local() {
            @Override
            public Path file() {
                return file;
            }

            @Override
            public void close() {
                // the store's own file stays
            }
        });
    }

    @Override
    public List<Entry> list(String prefix) {
        Path start = prefix.isEmpty() ? root : resolve(prefix);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                try {
                    entries.add(new Entry(root.relativize(f).toString().replace('\\', '/'), Files.size(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot list " + start + ": " + e.getMessage(), e);
        }
        return entries;
    }

    @Override
    public void delete(List<String> paths) {
        for (String path : paths) {
            try {
                Path file = resolve(path);
                Files.deleteIfExists(file);
                for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
                    try (Stream<Path> left = Files.list(dir)) {
                        if (left.findAny().isPresent()) {
                            break;
                        }
                    }
                    Files.delete(dir);
                }
            } catch (IOException e) {
                throw failure("delete", path, e);
            }
        }
    }

    private DoppelException failure(String action, String path, IOException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot " + action + " " + resolve(path) + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    @Override
    public void close() {
        // nothing held open
    }
}
