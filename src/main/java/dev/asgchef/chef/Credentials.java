package dev.asgchef.chef;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profiles of {@code ~/.chef/credentials}, a TOML file: {@code [name]} tables of settings, with an optional
 * {@code [name.knife]} table. Strings, booleans and numbers are settings; arrays and other tables are ignored.
 */
final class Credentials {
    /** One profile's settings; keys of the {@code .knife} sub-table are prefixed {@code knife.}. */
    record Profile(String name, Map<String, String> values, Path file) {}

    /** A top-level table: its own settings and its knife sub-table's, each in file order. */
    private record Table(Map<String, String> own, Map<String, String> knife) {}

    private static final Table NOT_A_TABLE = new Table(Map.of(), Map.of());

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
        Map<String, Table> tables = read(file);
        Table table = tables.get(name);
        if (table == null) {
            if (name.equals("default")) {
                return Optional.empty();
            }
            List<String> names = tables.entrySet().stream()
                    .filter(e -> e.getValue() != NOT_A_TABLE)
                    .map(Map.Entry::getKey)
                    .toList();
            throw new AsgchefException("Chef credentials profile '" + name + "' is not in " + file + " (it has: "
                    + String.join(", ", names) + "): add a [" + name + "] table or choose another with --chef-profile");
        }
        if (table == NOT_A_TABLE) {
            throw new AsgchefException("Chef credentials profile '" + name + "' in " + file + " is not a table: write"
                    + " it as [" + name + "] followed by its settings");
        }
        // The profile's own settings first: ChefConfig lets them win over the knife sub-table's.
        Map<String, String> values = new LinkedHashMap<>(table.own());
        table.knife().forEach((key, value) -> values.put("knife." + key, value));
        if (values.containsKey("node_name") && values.containsKey("client_name")) {
            throw new AsgchefException("Chef credentials profile '" + name + "' in " + file + " sets both node_name"
                    + " and client_name: keep client_name only");
        }
        return Optional.of(new Profile(name, values, file));
    }

    /**
     * The file's top-level tables. Read as a token stream rather than through an ObjectMapper: a cold TomlMapper costs
     * a few hundred milliseconds of class loading at start-up, the token stream a fraction of that.
     */
    private static Map<String, Table> read(Path file) {
        String text;
        try {
            text = InputFile.text(file, "Chef credentials", InputFile.CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AsgchefException("cannot read the Chef credentials file " + file + " ("
                    + e.getClass().getSimpleName() + "): check its permissions");
        }
        refuseDuplicateTables(file, text);
        Map<String, Table> tables = new LinkedHashMap<>();
        try (JsonParser toml = new TomlFactory().createParser(text)) {
            toml.nextToken(); // the document
            while (toml.nextToken() == JsonToken.FIELD_NAME) {
                String name = toml.currentName();
                tables.put(name, toml.nextToken() == JsonToken.START_OBJECT ? table(toml) : skip(toml));
            }
        } catch (JsonProcessingException e) {
            throw notToml(file, e);
        } catch (IOException e) {
            throw new AsgchefException("cannot read the Chef credentials file " + file + " ("
                    + e.getClass().getSimpleName() + "): check that it is TOML");
        }
        return tables;
    }

    private static final Pattern TABLE_HEADER = Pattern.compile("^\\s*\\[\\s*([^\\[\\]]+?)\\s*]\\s*(?:#.*)?$");

    /** A profile written twice is told with both lines: the TOML parser names only the second. */
    private static void refuseDuplicateTables(Path file, String text) {
        Map<String, Integer> firstLine = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = TABLE_HEADER.matcher(lines.get(i));
            if (header.matches()) {
                String name = header.group(1).replaceAll("^[\"']|[\"']$", "");
                Integer first = firstLine.putIfAbsent(name, i + 1);
                if (first != null) {
                    throw new AsgchefException("Chef credentials " + file + ": the table [" + NodeName.printable(name)
                            + "] is defined twice, at lines " + first + " and " + (i + 1) + ": keep one of them");
                }
            }
        }
    }

    private static Table table(JsonParser toml) throws IOException {
        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> knife = new LinkedHashMap<>();
        while (toml.nextToken() == JsonToken.FIELD_NAME) {
            String key = toml.currentName();
            JsonToken value = toml.nextToken();
            if (value.isScalarValue()) {
                own.put(key, toml.getText());
            } else if (key.equals("knife") && value == JsonToken.START_OBJECT) {
                knife.putAll(settings(toml));
            } else {
                toml.skipChildren();
            }
        }
        return new Table(own, knife);
    }

    /** The scalar settings of the table the stream is at; nested tables and arrays are not settings. */
    private static Map<String, String> settings(JsonParser toml) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        while (toml.nextToken() == JsonToken.FIELD_NAME) {
            String key = toml.currentName();
            if (toml.nextToken().isScalarValue()) {
                settings.put(key, toml.getText());
            } else {
                toml.skipChildren();
            }
        }
        return settings;
    }

    private static Table skip(JsonParser toml) throws IOException {
        toml.skipChildren();
        return NOT_A_TABLE;
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
