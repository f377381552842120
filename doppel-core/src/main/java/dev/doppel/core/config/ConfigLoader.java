package dev.doppel.core.config;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a config file without connecting anywhere. Every problem is collected with
 * its file, line and column, and reported together (exit 2).
 */
public final class ConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("version", "source", "target", "masking", "targets", "snapshot");
    private static final Set<String> CONNECTION_KEYS = Set.of("url", "user", "password");
    private static final Set<String> MASKING_KEYS = Set.of("key", "locale", "unclassified", "tables", "verify");
    private static final Set<String> VERIFY_KEYS = Set.of("allow");
    private static final Set<String> TABLE_KEYS = Set.of("mode", "where", "columns");
    private static final int MIN_KEY_LENGTH = 16;

    private final TransformerRegistry transformers;
    private final Function<String, String> environment;

    public ConfigLoader(TransformerRegistry transformers, Function<String, String> environment) {
        this.transformers = transformers;
        this.environment = environment;
    }

    public ConfigLoader(TransformerRegistry transformers) {
        this(transformers, System::getenv);
    }

    public DoppelConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Config file " + file + " does not exist; "
                    + "pass the right path with -c, or run 'doppel demo' to see an example");
        } catch (IOException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Cannot read config file " + file + ": " + e.getMessage());
        }
        Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        return parse(text, file.toString(), base, file);
    }

    /** Parses config text; {@code fileName} is used in messages and {@code base} for {@code ${file:}}. */
    public DoppelConfig parse(String text, String fileName, Path base, Path file) {
        Problems problems = new Problems();
        YamlNode root = new YamlTreeReader(fileName, problems).read(text);
        Reader reader = new Reader(problems, new Interpolator(environment, base));
        DoppelConfig config = reader.config(root, file, fileName);
        problems.throwIfAny(ExitCode.BAD_INPUT, fileName + " has problems; nothing was connected to or written");
        return config;
    }

    private final class Reader {
        private final Problems problems;
        private final Interpolator interpolator;

        Reader(Problems problems, Interpolator interpolator) {
            this.problems = problems;
            this.interpolator = interpolator;
        }

        DoppelConfig config(YamlNode root, Path file, String fileName) {
            if (!(root instanceof YamlNode.Mapping map)) {
                problems.add(root.location(), "the config must be a map with version, source, target and masking; "
                        + "see docs/configuration.md");
                return null;
            }
            unknownKeys(map, TOP_KEYS, "");
            YamlNode version = map.get("version");
            if (version == null) {
                problems.add(new Location(fileName, 1, 1), "'version: 1' is missing at the top of the file");
            } else if (!(version instanceof YamlNode.Scalar s && s.text().equals("1"))) {
                problems.add(version.location(), "version must be 1; this doppel reads config version 1");
            }
            ConnectionConfig source = connection(map, "source", true);
            ConnectionConfig target = connection(map, "target", false);
            MaskingPolicy masking = masking(map);
            return new DoppelConfig(file, source, target, masking);
        }

        private ConnectionConfig connection(YamlNode.Mapping parent, String key, boolean required) {
            YamlNode node = parent.get(key);
            if (node == null) {
                if (required) {
                    problems.add(parent.location(), "'" + key + "' is missing: give it a url, user and password");
                }
                return null;
            }
            if (node instanceof YamlNode.Scalar scalar) {
                return new ConnectionConfig(interpolate(scalar), null, null, scalar.location());
            }
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node.location(), "'" + key + "' must be a map with url, user and password");
                return null;
            }
            unknownKeys(map, CONNECTION_KEYS, key + ".");
            String url = text(map, "url");
            if (url == null) {
                problems.add(map.location(), key + ".url is missing, e.g. jdbc:postgresql://host:5432/app");
            }
            String user = text(map, "user");
            String password = text(map, "password");
            return new ConnectionConfig(url, user, password == null ? null : new Secret(password), map.location());
        }

        private MaskingPolicy masking(YamlNode.Mapping root) {
            YamlNode node = root.get("masking");
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node == null ? root.location() : node.location(),
                        "'masking' must be a map with key, locale, unclassified and tables");
                return new MaskingPolicy(null, "en", Unclassified.FAIL, Map.of());
            }
            unknownKeys(map, MASKING_KEYS, "masking.");
            String key = text(map, "key");
            if (key == null) {
                problems.add(map.location(), "masking.key is missing; set it to \"${env:DOPPEL_KEY}\" and keep the "
                        + "key secret: it decides every masked value");
            } else if (!key.isEmpty() && key.length() < MIN_KEY_LENGTH) {
                problems.add(map.get("key").location(), "masking.key must have at least " + MIN_KEY_LENGTH
                        + " characters; generate one with: openssl rand -base64 32");
            }
            String locale = Optional.ofNullable(text(map, "locale")).orElse("en");
            Unclassified unclassified = unclassified(map);
            Map<TableName, TablePolicy> tables = tables(map);
            return new MaskingPolicy(key == null ? null : new Secret(key), locale, unclassified, tables, verifyAllow(map));
        }

        /** {@code verify: { allow: [schema.table.column, …] }}: findings reported without failing. */
        private List<String> verifyAllow(YamlNode.Mapping masking) {
            YamlNode node = masking.get("verify");
            if (node == null || node instanceof YamlNode.Null) {
                return List.of();
            }
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node.location(), "masking.verify must be a map, e.g. { allow: [public.settings.support_email] }");
                return List.of();
            }
            unknownKeys(map, VERIFY_KEYS, "masking.verify.");
            YamlNode allow = map.get("allow");
            if (allow == null || allow instanceof YamlNode.Null) {
                return List.of();
            }
            List<String> columns = new ArrayList<>();
            if (!(allow instanceof YamlNode.Sequence list)) {
                problems.add(allow.location(), "masking.verify.allow must be a list of schema.table.column");
                return List.of();
            }
            for (YamlNode item : list.items()) {
                if (item instanceof YamlNode.Scalar s && s.text().split("\\.").length == 3) {
                    columns.add(s.text());
                } else {
                    problems.add(item.location(), "each entry of masking.verify.allow must be written schema.table.column");
                }
            }
            return columns;
        }

        private Unclassified unclassified(YamlNode.Mapping map) {
            String value = text(map, "unclassified");
            if (value == null) {
                return Unclassified.FAIL;
            }
            try {
                return Unclassified.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(map.get("unclassified").location(), "unclassified must be 'fail' or 'warn'");
                return Unclassified.FAIL;
            }
        }

        private Map<TableName, TablePolicy> tables(YamlNode.Mapping masking) {
            Map<TableName, TablePolicy> tables = new LinkedHashMap<>();
            YamlNode node = masking.get("tables");
            if (node == null || node instanceof YamlNode.Null) {
                return tables;
            }
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node.location(), "masking.tables must be a map keyed by schema.table");
                return tables;
            }
            map.entries().forEach((name, value) -> {
                Location where = map.keyLocation(name);
                TableName table = TableName.parse(name);
                if (table == null) {
                    problems.add(where, "table '" + name + "' must be written as schema.table, e.g. public." + name);
                    return;
                }
                tables.put(table, table(table, value, where));
            });
            return tables;
        }

        private TablePolicy table(TableName table, YamlNode node, Location where) {
            if (node instanceof YamlNode.Null) {
                return new TablePolicy(table, TableMode.COPY, null, Map.of(), where);
            }
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node.location(), table + " must be a map with mode, where and columns");
                return new TablePolicy(table, TableMode.COPY, null, Map.of(), where);
            }
            unknownKeys(map, TABLE_KEYS, table + ".");
            TableMode mode = TableMode.COPY;
            String modeText = text(map, "mode");
            if (modeText != null) {
                try {
                    mode = TableMode.valueOf(modeText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(map.get("mode").location(), "mode must be copy, schema_only or exclude");
                }
            }
            String filter = text(map, "where");
            if (filter != null && mode != TableMode.COPY) {
                problems.add(map.get("where").location(), "'where' only applies to mode copy; remove it or the mode");
            }
            return new TablePolicy(table, mode, filter, columns(table, map), where);
        }

        private Map<String, ColumnRule> columns(TableName table, YamlNode.Mapping tableMap) {
            Map<String, ColumnRule> rules = new LinkedHashMap<>();
            YamlNode node = tableMap.get("columns");
            if (node == null || node instanceof YamlNode.Null) {
                return rules;
            }
            if (!(node instanceof YamlNode.Mapping map)) {
                problems.add(node.location(), table + ".columns must map each column to a transformer or keep");
                return rules;
            }
            map.entries().forEach((column, value) -> {
                ColumnRule rule = rule(table, column, value, map.keyLocation(column));
                if (rule != null) {
                    rules.put(column, rule);
                }
            });
            return rules;
        }

        private ColumnRule rule(TableName table, String column, YamlNode node, Location where) {
            String transformerName;
            Map<String, YamlNode> params = new LinkedHashMap<>();
            Location location = node.location();
            if (node instanceof YamlNode.Scalar scalar) {
                transformerName = scalar.text();
            } else if (node instanceof YamlNode.Null empty && "null".equalsIgnoreCase(empty.text())) {
                transformerName = "null";
            } else if (node instanceof YamlNode.Mapping map) {
                YamlNode name = map.get("transformer");
                if (!(name instanceof YamlNode.Scalar nameScalar)) {
                    problems.add(map.location(), table + "." + column + " needs 'transformer: NAME'");
                    return null;
                }
                transformerName = nameScalar.text();
                map.entries().forEach((k, v) -> {
                    if (!k.equals("transformer")) {
                        params.put(k, interpolated(v));
                    }
                });
            } else {
                problems.add(where, table + "." + column + " must name a transformer, or be {transformer: NAME, ...}");
                return null;
            }
            Optional<Transformer> transformer = transformers.find(transformerName);
            if (transformer.isEmpty()) {
                problems.add(location, "unknown transformer '" + transformerName + "' for " + table + "." + column
                        + "; 'doppel transformers list' shows the available ones");
                return null;
            }
            TransformerRegistry.validateParams(transformer.get().descriptor(), params, location, problems);
            return new ColumnRule(column, transformerName, params, location);
        }

        private YamlNode interpolated(YamlNode node) {
            if (node instanceof YamlNode.Scalar scalar) {
                return new YamlNode.Scalar(interpolate(scalar), scalar.location());
            }
            return node;
        }

        private String text(YamlNode.Mapping map, String key) {
            YamlNode node = map.get(key);
            if (node == null || node instanceof YamlNode.Null) {
                return null;
            }
            if (node instanceof YamlNode.Scalar scalar) {
                return interpolate(scalar);
            }
            problems.add(node.location(), "'" + key + "' must be a single value, not " + node.kind());
            return null;
        }

        private String interpolate(YamlNode.Scalar scalar) {
            return interpolator.resolve(scalar.text(), scalar.location(), problems);
        }

        private void unknownKeys(YamlNode.Mapping map, Set<String> allowed, String prefix) {
            for (String key : map.entries().keySet()) {
                if (!allowed.contains(key)) {
                    problems.add(map.keyLocation(key), "unknown key '" + prefix + key + "'; expected one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }
    }
}
