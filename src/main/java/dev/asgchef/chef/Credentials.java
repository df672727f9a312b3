package dev.asgchef.chef;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.asgchef.AsgchefException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles of {@code ~/.chef/credentials}, a TOML file: {@code [name]} tables of settings, with an optional
 * {@code [name.knife]} table. Strings, booleans and numbers are settings; arrays and other tables are ignored.
 */
final class Credentials {
    /** One profile's settings; keys of the {@code .knife} sub-table are prefixed {@code knife.}. */
    record Profile(String name, Map<String, String> values, Path file) {}

    private Credentials() {}

    /**
     * The named profile, or empty when the file does not exist. A missing profile is empty for {@code default} and an
     * error otherwise, as in knife.
     */
    static Optional<Profile> profile(Path file, String name, boolean named) {
        if (!Files.exists(file)) {
            if (named) {
                throw new AsgchefException("Chef credentials profile '" + name + "' was asked for, but " + file
                        + " does not exist: create it or choose no profile");
            }
            return Optional.empty();
        }
        JsonNode profiles = read(file);
        JsonNode table = profiles.path(name);
        if (table.isMissingNode()) {
            if (name.equals("default")) {
                return Optional.empty();
            }
            throw new AsgchefException("Chef credentials profile '" + name + "' is not in " + file + " (it has: "
                    + String.join(", ", tableNames(profiles)) + "): add a [" + name
                    + "] table or choose another with --chef-profile");
        }
        if (!table.isObject()) {
            throw new AsgchefException("Chef credentials profile '" + name + "' in " + file + " is not a table: write"
                    + " it as [" + name + "] followed by its settings");
        }
        // The profile's own settings first: ChefConfig lets them win over the knife sub-table's.
        Map<String, String> values = new LinkedHashMap<>(settings(table, ""));
        values.putAll(settings(table.path("knife"), "knife."));
        if (values.containsKey("node_name") && values.containsKey("client_name")) {
            throw new AsgchefException("Chef credentials profile '" + name + "' in " + file + " sets both node_name"
                    + " and client_name: keep client_name only");
        }
        return Optional.of(new Profile(name, values, file));
    }

    private static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AsgchefException("cannot read the Chef credentials file " + file + " ("
                    + e.getClass().getSimpleName() + "): check its permissions");
        }
        try {
            return new TomlMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw notToml(file, e);
        }
    }

    /** The scalar settings of a table; nested tables and arrays are not settings. */
    private static Map<String, String> settings(JsonNode table, String prefix) {
        Map<String, String> settings = new LinkedHashMap<>();
        table.properties().forEach(setting -> {
            if (setting.getValue().isValueNode()) {
                settings.put(prefix + setting.getKey(), setting.getValue().asText());
            }
        });
        return settings;
    }

    private static List<String> tableNames(JsonNode profiles) {
        return profiles.properties().stream()
                .filter(e -> e.getValue().isObject())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * One line naming the file, the place and the parser's reason. The reason is cut at its first quote or
     * parenthesis: the parser's reasons are fixed phrases, but a few go on to quote the text they failed on, and
     * that text may be part of a key.
     */
    private static AsgchefException notToml(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        boolean located = at != null && at.getLineNr() > 0;
        String reason = String.valueOf(e.getOriginalMessage())
                .split("[('\":\\n]|\\. ", 2)[0]
                .trim();
        reason = reason.isEmpty() ? "not valid TOML" : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        return new AsgchefException(file + (located ? " line " + at.getLineNr() : "") + ": " + reason
                + (located && at.getColumnNr() > 0 ? " at column " + at.getColumnNr() : "")
                + (reason.equals("unknown token") ? " (a string value needs quotes)" : "")
                + ": fix the credentials file (it is TOML)");
    }
}
