package dev.doppel.snapshot;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Interpolator;
import dev.doppel.core.config.Secret;
import dev.doppel.core.config.YamlNode;
import dev.doppel.core.config.YamlTreeReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The config's optional {@code snapshot:} section and {@code targets:} map, read on their own so
 * that the restoring side's config needs neither a source nor a masking key. Secrets come from
 * {@code ${env:NAME}} and {@code ${file:PATH}} as everywhere else; every problem is reported at
 * once with its line (exit 2).
 *
 * <pre>
 * snapshot:
 *   to: s3://bucket/staging                     # default store of 'doppel snapshot'
 *   compression_level: 1                        # zstd level of the data files, 1 (fastest, the default) to 9
 *   s3: { endpoint: https://…, region: …, access_key_id: …, secret_access_key: "${env:…}", path_style: false }
 *   encryption: { key: "${env:DOPPEL_SNAPSHOT_KEY}" }                                 # AES-256-GCM
 *   signing: { algorithm: ed25519, key: "${file:snapshot-signing.pem}" }              # producing side
 *   verify:  { algorithm: ed25519, key: "${file:snapshot-verify.pem}" }               # restoring side
 * targets:
 *   staging: { url: "jdbc:postgresql://staging:5432/app", user: doppel, password: "${env:STAGING_PASSWORD}" }
 * </pre>
 */
public record SnapshotSettings(String to, S3Settings s3, EncryptionKey key, ManifestSignature.Signer signer,
                               ManifestSignature.Verifier verifier, Map<String, ConnectionConfig> targets,
                               int compressionLevel) {
    public static final SnapshotSettings NONE = none(Map.of());

    private static final Set<String> SNAPSHOT_KEYS = Set.of("to", "s3", "encryption", "signing", "verify", "compression_level");

    private static SnapshotSettings none(Map<String, ConnectionConfig> targets) {
        return new SnapshotSettings(null, S3Settings.DEFAULT, null, null, null, targets, DataFiles.DEFAULT_LEVEL);
    }
    private static final Set<String> S3_KEYS = Set.of("endpoint", "region", "access_key_id", "secret_access_key", "path_style");
    private static final Set<String> CONNECTION_KEYS = Set.of("url", "user", "password");

    public Optional<ConnectionConfig> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    public static SnapshotSettings load(Path file, Function<String, String> environment) {
        if (file == null) {
            return NONE;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Config file " + file + " does not exist; pass the right path with -c");
        } catch (IOException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Cannot read config file " + file + ": " + e.getMessage());
        }
        Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        return parse(text, file.toString(), base, environment);
    }

    static SnapshotSettings parse(String text, String fileName, Path base, Function<String, String> environment) {
        Problems problems = new Problems();
        YamlNode root = new YamlTreeReader(fileName, problems).read(text);
        Reader reader = new Reader(problems, new Interpolator(environment, base));
        SnapshotSettings settings = root instanceof YamlNode.Mapping map ? reader.settings(map) : NONE;
        problems.throwIfAny(ExitCode.BAD_INPUT, fileName + " has problems; nothing was read or written");
        return settings;
    }

    private static final class Reader {
        private final Problems problems;
        private final Interpolator interpolator;

        Reader(Problems problems, Interpolator interpolator) {
            this.problems = problems;
            this.interpolator = interpolator;
        }

        SnapshotSettings settings(YamlNode.Mapping root) {
            Map<String, ConnectionConfig> targets = targets(root);
            YamlNode node = root.get("snapshot");
            if (node == null || node instanceof YamlNode.Null) {
                return none(targets);
            }
            YamlNode.Mapping map = mapping(node, "snapshot", SNAPSHOT_KEYS);
            if (map == null) {
                return none(targets);
            }
            String to = text(map, "to");
            S3Settings s3 = s3(map.get("s3"));
            EncryptionKey key = null;
            YamlNode.Mapping encryption = mapping(map.get("encryption"), "snapshot.encryption", Set.of("key"));
            if (encryption != null) {
                String keyText = text(encryption, "key");
                if (keyText == null) {
                    problems.add(encryption.location(), "snapshot.encryption.key is missing; e.g. \"${env:DOPPEL_SNAPSHOT_KEY}\"");
                } else {
                    key = guard(encryption.get("key").location(), () -> EncryptionKey.parse(keyText, "snapshot.encryption.key"));
                }
            }
            ManifestSignature.Signer signer = null;
            YamlNode.Mapping signing = mapping(map.get("signing"), "snapshot.signing", Set.of("algorithm", "key"));
            if (signing != null) {
                String algorithm = text(signing, "algorithm");
                String keyText = text(signing, "key");
                signer = guard(signing.location(), () -> ManifestSignature.signer(algorithm, keyText, "snapshot.signing.key"));
            }
            ManifestSignature.Verifier verifier = null;
            YamlNode.Mapping verify = mapping(map.get("verify"), "snapshot.verify", Set.of("algorithm", "key"));
            if (verify != null) {
                String algorithm = text(verify, "algorithm");
                String keyText = text(verify, "key");
                verifier = guard(verify.location(), () -> ManifestSignature.verifier(algorithm, keyText, "snapshot.verify.key"));
            }
            return new SnapshotSettings(to, s3, key, signer, verifier, targets, compressionLevel(map));
        }

        private int compressionLevel(YamlNode.Mapping map) {
            String text = text(map, "compression_level");
            if (text == null) {
                return DataFiles.DEFAULT_LEVEL;
            }
            if (text.matches("\\d{1,2}")) {
                int level = Integer.parseInt(text);
                if (level >= DataFiles.MIN_LEVEL && level <= DataFiles.MAX_LEVEL) {
                    return level;
                }
            }
            problems.add(map.get("compression_level").location(), "snapshot.compression_level must be a whole number from "
                    + DataFiles.MIN_LEVEL + " (fastest, the default) to " + DataFiles.MAX_LEVEL + " (smallest), not '" + text + "'");
            return DataFiles.DEFAULT_LEVEL;
        }

        private <T> T guard(Location location, java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (DoppelException e) {
                problems.add(location, e.getMessage());
                return null;
            }
        }

        private S3Settings s3(YamlNode node) {
            YamlNode.Mapping map = mapping(node, "snapshot.s3", S3_KEYS);
            if (map == null) {
                return S3Settings.DEFAULT;
            }
            String secret = text(map, "secret_access_key");
            String pathStyle = text(map, "path_style");
            if (pathStyle != null && !pathStyle.matches("true|false")) {
                problems.add(map.get("path_style").location(), "snapshot.s3.path_style must be true or false");
            }
            String accessKey = text(map, "access_key_id");
            if ((accessKey == null) != (secret == null)) {
                problems.add(map.location(), "give snapshot.s3.access_key_id and secret_access_key together, or neither"
                        + " to use the standard AWS chain");
            }
            return new S3Settings(text(map, "endpoint"), text(map, "region"), accessKey,
                    secret == null ? null : new Secret(secret), "true".equals(pathStyle));
        }

        /** The {@code targets:} map, plus the config's single {@code target:} under the name {@code target}. */
        private Map<String, ConnectionConfig> targets(YamlNode.Mapping root) {
            Map<String, ConnectionConfig> targets = new LinkedHashMap<>();
            YamlNode node = root.get("targets");
            if (node instanceof YamlNode.Mapping map) {
                map.entries().forEach((name, value) -> {
                    YamlNode.Mapping connection = mapping(value, "targets." + name, CONNECTION_KEYS);
                    if (connection != null) {
                        targets.put(name, connection(connection, "targets." + name));
                    }
                });
            } else if (node != null && !(node instanceof YamlNode.Null)) {
                problems.add(node.location(), "'targets' must map names to {url, user, password}");
            }
            if (root.get("target") instanceof YamlNode.Mapping single && !targets.containsKey("target")) {
                targets.put("target", connection(single, "target"));
            }
            return targets;
        }

        private ConnectionConfig connection(YamlNode.Mapping connection, String name) {
            String url = text(connection, "url");
            if (url == null) {
                problems.add(connection.location(), name + ".url is missing");
            }
            String password = text(connection, "password");
            return new ConnectionConfig(url, text(connection, "user"), password == null ? null : new Secret(password),
                    connection.location());
        }

        private YamlNode.Mapping mapping(YamlNode node, String name, Set<String> keys) {
            if (node == null || node instanceof YamlNode.Null) {
                return null;
            }
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node.location(), "'" + name + "' must be a map with " + String.join(", ", keys.stream().sorted().toList()));
                return null;
            }
            for (String key : map.entries().keySet()) {
                if (!keys.contains(key)) {
                    problems.add(map.keyLocation(key), "unknown key '" + name + "." + key + "'; expected one of "
                            + String.join(", ", keys.stream().sorted().toList()));
                }
            }
            return map;
        }

        private String text(YamlNode.Mapping map, String key) {
            YamlNode node = map.get(key);
            if (node == null || node instanceof YamlNode.Null) {
                return null;
            }
            if (node instanceof YamlNode.Scalar scalar) {
                return interpolator.resolve(scalar.text(), scalar.location(), problems);
            }
            problems.add(node.location(), "'" + key + "' must be a single value, not " + node.kind());
            return null;
        }
    }
}
