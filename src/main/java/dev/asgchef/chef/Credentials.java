package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles of {@code ~/.chef/credentials}, a TOML file: {@code [name]} tables of string settings, with an optional
 * {@code [name.knife]} table. This reads the TOML those files use (bare and quoted keys and table names, basic,
 * literal and multi-line strings, booleans, numbers, comments); arrays and inline tables are accepted and ignored.
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
        Map<String, Map<String, String>> tables = parse(file);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> main = tables.get(name);
        if (main == null && !tables.containsKey(name + ".knife")) {
            if (name.equals("default")) {
                return Optional.empty();
            }
            throw new AsgchefException("Chef credentials profile '" + name + "' is not in " + file + " (it has: "
                    + String.join(
                            ", ",
                            tables.keySet().stream()
                                    .filter(t -> !t.contains("."))
                                    .toList())
                    + "): add a [" + name + "] table or choose another with --chef-profile");
        }
        if (main != null) {
            values.putAll(main);
        }
        tables.getOrDefault(name + ".knife", Map.of()).forEach((k, v) -> values.put("knife." + k, v));
        if (values.containsKey("node_name") && values.containsKey("client_name")) {
            throw new AsgchefException("Chef credentials profile '" + name + "' in " + file + " sets both node_name"
                    + " and client_name: keep client_name only");
        }
        return Optional.of(new Profile(name, values, file));
    }

    static Map<String, Map<String, String>> parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AsgchefException("cannot read the Chef credentials file " + file + " ("
                    + e.getClass().getSimpleName() + "): check its permissions");
        }
        return new Reader(file, text).read();
    }

    private static final class Reader {
        private final Path file;
        private final String text;
        private int at;
        private int line = 1;

        Reader(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        Map<String, Map<String, String>> read() {
            Map<String, Map<String, String>> tables = new LinkedHashMap<>();
            Map<String, String> current = new HashMap<>(); // keys before any table: not a profile
            while (true) {
                skipBlankAndComments();
                if (at >= text.length()) {
                    return tables;
                }
                if (text.charAt(at) == '[') {
                    at++;
                    if (peek('[')) {
                        throw error("arrays of tables ([[...]]) are not used in credentials files");
                    }
                    String name = dottedName(']');
                    at++;
                    endOfLine();
                    current = tables.computeIfAbsent(name, n -> new LinkedHashMap<>());
                    continue;
                }
                String key = dottedName('=');
                at++;
                skipSpaces();
                Optional<String> value = value();
                if (value.isPresent()) {
                    current.put(key, value.get());
                }
                endOfLine();
            }
        }

        private String dottedName(char end) {
            StringBuilder name = new StringBuilder();
            while (true) {
                skipSpaces();
                if (at >= text.length() || text.charAt(at) == '\n') {
                    throw error("expected '" + end + "'");
                }
                char c = text.charAt(at);
                if (c == end) {
                    String result = name.toString();
                    if (result.isEmpty()) {
                        throw error("a name is missing");
                    }
                    return result;
                } else if (c == '"') {
                    name.append(basicString());
                } else if (c == '\'') {
                    name.append(literalString());
                } else if (c == '.') {
                    name.append('.');
                    at++;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                    while (at < text.length()
                            && (Character.isLetterOrDigit(text.charAt(at))
                                    || text.charAt(at) == '_'
                                    || text.charAt(at) == '-')) {
                        name.append(text.charAt(at++));
                    }
                } else {
                    throw error("unexpected '" + c + "' in a name");
                }
            }
        }

        /** A string value as text; booleans and numbers as written; arrays and inline tables: empty (ignored). */
        private Optional<String> value() {
            if (at >= text.length()) {
                throw error("a value is missing");
            }
            char c = text.charAt(at);
            if (text.startsWith("\"\"\"", at)) {
                return Optional.of(multiLine("\"\"\"", true));
            }
            if (text.startsWith("'''", at)) {
                return Optional.of(multiLine("'''", false));
            }
            if (c == '"') {
                return Optional.of(basicString());
            }
            if (c == '\'') {
                return Optional.of(literalString());
            }
            if (c == '[' || c == '{') {
                skipBracketed();
                return Optional.empty();
            }
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '#') {
                at++;
            }
            String bare = text.substring(start, at);
            if (!bare.matches("true|false|[+-]?[0-9_]+(\\.[0-9_]+)?([eE][+-]?[0-9]+)?")) {
                throw error("'" + bare + "' is not a TOML value (strings need quotes)");
            }
            return Optional.of(bare);
        }

        private String basicString() {
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length() || text.charAt(at) == '\n') {
                    throw error("a string is never closed");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                out.append(c == '\\' ? escape() : c);
            }
        }

        private String literalString() {
            int end = text.indexOf('\'', at + 1);
            int newline = text.indexOf('\n', at + 1);
            if (end < 0 || (newline >= 0 && newline < end)) {
                throw error("a string is never closed");
            }
            String value = text.substring(at + 1, end);
            at = end + 1;
            return value;
        }

        private String multiLine(String quote, boolean escapes) {
            int startLine = line;
            at += 3;
            if (peek('\n')) {
                at++;
                line++;
            } else if (text.startsWith("\r\n", at)) {
                at += 2;
                line++;
            }
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    line = startLine;
                    throw error("a multi-line string is never closed");
                }
                if (text.startsWith(quote, at)) {
                    at += 3;
                    return out.toString();
                }
                char c = text.charAt(at++);
                if (c == '\n') {
                    line++;
                }
                if (escapes && c == '\\') {
                    if (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                            line += text.charAt(at++) == '\n' ? 1 : 0; // line-ending backslash joins lines
                        }
                        continue;
                    }
                    out.append(escape());
                } else {
                    out.append(c);
                }
            }
        }

        private String escape() {
            if (at >= text.length()) {
                throw error("a string ends in a backslash");
            }
            char e = text.charAt(at++);
            switch (e) {
                case 'n':
                    return "\n";
                case 't':
                    return "\t";
                case 'r':
                    return "\r";
                case 'b':
                    return "\b";
                case 'f':
                    return "\f";
                case '"':
                    return "\"";
                case '\\':
                    return "\\";
                case 'u':
                case 'U':
                    int digits = e == 'u' ? 4 : 8;
                    if (at + digits > text.length()) {
                        throw error("a \\" + e + " escape is cut short");
                    }
                    try {
                        int code = Integer.parseInt(text.substring(at, at + digits), 16);
                        at += digits;
                        return new String(Character.toChars(code));
                    } catch (IllegalArgumentException ex) {
                        throw error("a \\" + e + " escape is not a character");
                    }
                default:
                    throw error("'\\" + e + "' is not a TOML escape");
            }
        }

        private void skipBracketed() {
            int depth = 0;
            do {
                if (at >= text.length()) {
                    throw error("an array or inline table is never closed");
                }
                char c = text.charAt(at);
                if (c == '"' || c == '\'') {
                    if (c == '"') {
                        basicString();
                    } else {
                        literalString();
                    }
                    continue;
                }
                depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
                line += c == '\n' ? 1 : 0;
                at++;
            } while (depth > 0);
        }

        private void endOfLine() {
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            }
            if (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
                throw error("unexpected '" + text.charAt(at) + "' after a value");
            }
        }

        private void skipBlankAndComments() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\n') {
                    line++;
                    at++;
                } else if (Character.isWhitespace(c)) {
                    at++;
                } else if (c == '#') {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else {
                    return;
                }
            }
        }

        private void skipSpaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private AsgchefException error(String why) {
            return new AsgchefException(
                    file + " line " + line + ": " + why + ": fix the credentials file (it is TOML)");
        }
    }
}
