package dev.doppel.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problem;
import dev.doppel.core.error.Problems;
import dev.doppel.core.error.ProblemsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML text into a {@link YamlNode} tree with locations; duplicate keys are problems. */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private final String fileName;
    private final Problems problems;

    public YamlTreeReader(String fileName, Problems problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    public YamlNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new YamlNode.Null("", new Location(fileName, 1, 1));
            }
            return readValue(parser, token);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Location where = at == null ? new Location(fileName, 0, 0) : locate(at);
            String reason = e.getOriginalMessage().lines().findFirst().orElse("not valid YAML");
            throw new ProblemsException(ExitCode.BAD_INPUT, "The config file is not valid YAML",
                    List.of(new Problem(where, reason + "; check the indentation and quoting near this line")));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail", e);
        }
    }

    private YamlNode readValue(JsonParser parser, JsonToken token) throws IOException {
        Location here = locate(parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT:
                return readMapping(parser, here);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    items.add(readValue(parser, t));
                }
                return new YamlNode.Sequence(items, here);
            case VALUE_NULL:
                return new YamlNode.Null(parser.getText(), here);
            default:
                return new YamlNode.Scalar(parser.getText(), here);
        }
    }

    private YamlNode readMapping(JsonParser parser, Location here) throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            Location keyLocation = locate(parser.currentTokenLocation());
            YamlNode value = readValue(parser, parser.nextToken());
            if (entries.containsKey(key)) {
                problems.add(keyLocation, "'" + key + "' is written twice (first at line "
                        + keys.get(key).line() + "); keep one");
            }
            entries.put(key, value);
            keys.putIfAbsent(key, keyLocation);
        }
        return new YamlNode.Mapping(entries, keys, here);
    }

    private Location locate(JsonLocation at) {
        return new Location(fileName, at.getLineNr(), at.getColumnNr());
    }
}
