package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the settings asgchef needs from a knife {@code config.rb} or {@code knife.rb} without running Ruby. It
 * understands what real knife files are made of (starter-kit files included): comments, {@code name value} and
 * {@code name(value)} settings, local variables, single- and double-quoted strings with {@code #{...}}
 * interpolation, symbols, {@code ENV['X']}, {@code ENV.fetch}, {@code File.dirname(__FILE__)}, {@code __dir__},
 * {@code File.join}, {@code File.expand_path}, {@code Dir.home} and {@code a || b}. Settings it does not need
 * ({@code log_level}, {@code cookbook_path [...]}, {@code knife[:x] = ...}) are skipped unread. Anything else is an
 * error naming the file and line: a silent guess could sign as the wrong user or talk to the wrong server.
 */
final class RubyConfigFile {
    /** The settings asgchef uses; everything else in the file is skipped. */
    static final Set<String> NEEDED = Set.of(
            "node_name",
            "client_key",
            "chef_server_url",
            "ssl_verify_mode",
            "trusted_certs_dir",
            "authentication_protocol_version",
            "https_proxy",
            "http_proxy",
            "no_proxy");

    private static final Set<String> KEYWORDS = Set.of(
            "if",
            "unless",
            "else",
            "elsif",
            "end",
            "while",
            "until",
            "case",
            "when",
            "begin",
            "rescue",
            "ensure",
            "def",
            "class",
            "module",
            "do",
            "then",
            "and",
            "or",
            "not",
            "for",
            "return",
            "yield",
            "require",
            "require_relative",
            "load",
            "eval",
            "instance_eval",
            "puts",
            "print",
            "p",
            "raise",
            "exit",
            "abort",
            "system",
            "exec",
            "config_context",
            "lambda",
            "proc",
            "alias",
            "undef",
            "break",
            "next",
            "redo",
            "retry");

    /** A value of a setting, and where it was set. */
    record Setting(Object value, Path file, int line) {
        String where() {
            return file + " line " + line;
        }
    }

    /** A Ruby symbol such as {@code :verify_none}. */
    record Symbol(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Path file;
    private final List<String> lines;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final Path home;
    private final Map<String, Statement> locals = new HashMap<>();
    private final Map<String, Integer> localAssignedAt = new HashMap<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private static final int MAX_DEPTH = 100;
    private static final int MAX_STRING = 64 * 1024;
    private int depth;

    private RubyConfigFile(Path file, String text, Map<String, String> env, Path workingDirectory, Path home) {
        this.file = file;
        this.lines = text.lines().toList();
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.home = home;
    }

    /** The needed settings the file sets (last one wins, as in Ruby), in the order first set. */
    static Map<String, Setting> read(Path file, Map<String, String> env, Path workingDirectory, Path home) {
        String text;
        try {
            text = InputFile.text(file, "knife config", InputFile.CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // knife stops at a config it cannot read whatever its flags say, and so does asgchef: say so, or an
            // operator adds --chef-* flags and wonders why the same error stays.
            throw new AsgchefException("cannot read the knife configuration " + file + " ("
                    + e.getClass().getSimpleName() + "): --chef-* flags do not bypass a config that is found; fix its"
                    + " permissions, or name another with --chef-config");
        }
        RubyConfigFile config = new RubyConfigFile(file.toAbsolutePath(), text, env, workingDirectory, home);
        config.evaluate(new Lexer(text, 1, file).tokens());
        return config.settings;
    }

    /** A line assigning a local variable of this name, if any: knife ignores {@code node_name = "x"}, so do we. */
    static Optional<Integer> localAssignment(Path file, String name) {
        try {
            List<String> lines = InputFile.text(file, "knife config", InputFile.CONFIG, StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + name + "\\s*=[^=].*")) {
                    return Optional.of(i + 1);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Already read once; a second failure only loses the hint.
        }
        return Optional.empty();
    }

    private void evaluate(List<Token> tokens) {
        for (Statement statement : Statement.split(tokens)) {
            List<Token> t = statement.tokens();
            Token first = t.get(0);
            if (first.is(Kind.IDENT) && KEYWORDS.contains(first.text())) {
                throw cannotEvaluate(first.line(), "'" + first.text() + "' is Ruby code, not a setting");
            }
            if (t.stream()
                    .anyMatch(token -> token.is(Kind.IDENT) && token.text().equals("do"))) {
                throw cannotEvaluate(first.line(), "a block ('do ... end') is Ruby code, not a setting");
            }
            if (first.is(Kind.IDENT) && t.size() > 1 && t.get(1).isOp("=")) {
                locals.put(first.text(), statement.from(2));
                localAssignedAt.put(first.text(), first.line());
            } else if (first.is(Kind.IDENT)
                    && first.text().equals("knife")
                    && t.size() > 1
                    && t.get(1).isOp("[")) {
                continue; // knife[:option] = value: knife's own options
            } else if (first.is(Kind.IDENT) && t.size() > 1) {
                if (NEEDED.contains(first.text())) {
                    Statement argument = statement.from(1).unwrapParentheses();
                    settings.put(first.text(), new Setting(value(argument), file, first.line()));
                }
            } else {
                throw cannotEvaluate(first.line(), "not a 'setting value' line");
            }
        }
    }

    private Object value(Statement expression) {
        int line =
                expression.tokens().isEmpty() ? 0 : expression.tokens().get(0).line();
        enter(line);
        try {
            Parser parser = new Parser(expression.tokens(), 0);
            Object value = parser.expression();
            if (!parser.atEnd()) {
                throw cannotEvaluate(
                        parser.peek().line(),
                        "unexpected " + parser.peek().kind().name().toLowerCase(Locale.ROOT));
            }
            return value;
        } finally {
            depth--;
        }
    }

    /**
     * One level deeper into parentheses, interpolation or a local variable: a config that nests without end (a
     * variable that uses itself, thousands of parentheses) is one line, not a StackOverflowError.
     */
    private void enter(int line) {
        if (++depth > MAX_DEPTH) {
            throw cannotEvaluate(line, "nested more than " + MAX_DEPTH + " deep, or a variable that uses itself");
        }
    }

    /** No line of a config names a value as long as this; a string that grows past it is a doubling loop. */
    private static String bounded(StringBuilder text, int line, RubyConfigFile config) {
        if (text.length() > MAX_STRING) {
            throw config.cannotEvaluate(line, "a string grows beyond " + MAX_STRING / 1024 + " KiB");
        }
        return text.toString();
    }

    // The line's text is never repeated: a config line may hold a key or a token.
    private AsgchefException cannotEvaluate(int line, String why) {
        String construct = line >= 1 && line <= lines.size() ? construct(lines.get(line - 1)) : "the line";
        return new AsgchefException(file + " line " + line + ": cannot evaluate " + construct
                + " (" + why + "): asgchef reads settings written as plain values, local variables, string"
                + " interpolation, ENV[...] and File.dirname/join/expand_path; simplify the line or give the value with"
                + " a --chef-* option");
    }

    /** What the line is, in Ruby's words, without its values: {@code the setting client_key}, {@code a local variable}. */
    private static String construct(String line) {
        Matcher setting = Pattern.compile("^\\s*([a-z_][A-Za-z0-9_]*)\\s*(=)?").matcher(line);
        if (!setting.find()) {
            return "the line";
        }
        if (KEYWORDS.contains(setting.group(1))) {
            return "the Ruby keyword " + setting.group(1);
        }
        return setting.group(2) != null ? "the local variable " + setting.group(1) : "the setting " + setting.group(1);
    }

    /** Recursive descent over one expression: {@code term ('||' term)*}. */
    private final class Parser {
        private final List<Token> tokens;
        private int at;

        Parser(List<Token> tokens, int at) {
            this.tokens = tokens;
            this.at = at;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        Token peek() {
            return tokens.get(at);
        }

        Object expression() {
            Object value = term();
            while (!atEnd() && peek().isOp("||")) {
                at++;
                Object alternative = term();
                value = value == null || Boolean.FALSE.equals(value) ? alternative : value;
            }
            return value;
        }

        private Object term() {
            if (atEnd()) {
                throw cannotEvaluate(tokens.get(tokens.size() - 1).line(), "a value is missing");
            }
            Token token = tokens.get(at++);
            switch (token.kind()) {
                case STRING:
                    return interpolate(token);
                case SYMBOL:
                    return new Symbol(token.text());
                case NUMBER:
                    return token.text();
                case IDENT:
                    return identifier(token);
                case CONST:
                    return constant(token);
                case OP:
                    if (token.isOp("(")) {
                        enter(token.line());
                        try {
                            Object value = expression();
                            expect(")");
                            return value;
                        } finally {
                            depth--;
                        }
                    }
                    break;
                default:
                    break;
            }
            throw cannotEvaluate(
                    token.line(), "a " + token.kind().name().toLowerCase(Locale.ROOT) + " where a value belongs");
        }

        private Object identifier(Token token) {
            switch (token.text()) {
                case "nil":
                    return null;
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "__dir__":
                    return file.getParent().toString();
                default:
                    Statement definition = locals.get(token.text());
                    if (definition == null) {
                        throw cannotEvaluate(
                                token.line(), "'" + token.text() + "' is not a local variable set earlier in the file");
                    }
                    if (definition.tokens().isEmpty()) {
                        throw cannotEvaluate(localAssignedAt.get(token.text()), "the value is missing");
                    }
                    return value(definition);
            }
        }

        private Object constant(Token token) {
            String name = token.text();
            if (name.equals("__FILE__")) {
                return file.toString();
            }
            if (name.equals("ENV")) {
                if (!atEnd() && peek().isOp("[")) {
                    at++;
                    String variable = text(expression(), token);
                    expect("]");
                    return env.get(variable);
                }
                String method = method(token);
                if (method.equals("fetch")) {
                    List<Object> args = arguments(token);
                    String variable = text(args.get(0), token);
                    if (env.containsKey(variable)) {
                        return env.get(variable);
                    }
                    if (args.size() > 1) {
                        return args.get(1);
                    }
                    throw cannotEvaluate(token.line(), "the environment variable " + variable + " is not set");
                }
            } else if (name.equals("File")) {
                String method = method(token);
                List<Object> args = arguments(token);
                switch (method) {
                    case "dirname":
                        return parent(text(args.get(0), token));
                    case "join":
                        return String.join(
                                        "/",
                                        args.stream().map(a -> text(a, token)).toList())
                                .replaceAll("/+", "/");
                    case "expand_path":
                        Path base = args.size() > 1 ? Path.of(expandHome(text(args.get(1), token))) : workingDirectory;
                        return base.resolve(expandHome(text(args.get(0), token)))
                                .normalize()
                                .toString();
                    default:
                        break;
                }
            } else if (name.equals("Dir") && method(token).equals("home")) {
                return home.toString();
            }
            throw cannotEvaluate(token.line(), "'" + name + "' is Ruby code asgchef does not run");
        }

        private String method(Token receiver) {
            if (atEnd() || !peek().isOp(".") || at + 1 >= tokens.size()) {
                throw cannotEvaluate(receiver.line(), "'" + receiver.text() + "' is Ruby code asgchef does not run");
            }
            at++;
            return tokens.get(at++).text();
        }

        private List<Object> arguments(Token receiver) {
            List<Object> args = new ArrayList<>();
            if (atEnd() || !peek().isOp("(")) {
                throw cannotEvaluate(receiver.line(), "expected '(' after " + receiver.text());
            }
            at++;
            while (!atEnd() && !peek().isOp(")")) {
                args.add(expression());
                if (!atEnd() && peek().isOp(",")) {
                    at++;
                }
            }
            expect(")");
            if (args.isEmpty()) {
                throw cannotEvaluate(receiver.line(), receiver.text() + " needs an argument");
            }
            return args;
        }

        private void expect(String op) {
            if (atEnd() || !peek().isOp(op)) {
                int line = atEnd() ? tokens.get(tokens.size() - 1).line() : peek().line();
                throw cannotEvaluate(line, "expected '" + op + "'");
            }
            at++;
        }

        private Object interpolate(Token string) {
            StringBuilder out = new StringBuilder();
            for (Object part : string.parts()) {
                if (part instanceof String literal) {
                    out.append(literal);
                } else {
                    Interpolation code = (Interpolation) part;
                    List<Token> inner = new Lexer(code.source(), code.line(), file).tokens();
                    inner = inner.stream().filter(t -> !t.is(Kind.NEWLINE)).toList();
                    if (inner.isEmpty()) {
                        continue;
                    }
                    Object value = value(new Statement(inner));
                    out.append(value == null ? "" : value.toString());
                    bounded(out, string.line(), RubyConfigFile.this);
                }
            }
            return bounded(out, string.line(), RubyConfigFile.this);
        }

        private String text(Object value, Token where) {
            if (value == null) {
                throw cannotEvaluate(where.line(), "a value is nil (an unset environment variable?)");
            }
            return value.toString();
        }

        private String expandHome(String path) {
            return path.equals("~") ? home.toString() : path.startsWith("~/") ? home + path.substring(1) : path;
        }

        private String parent(String path) {
            Path parent = Path.of(path).getParent();
            return parent == null ? "." : parent.toString();
        }
    }

    enum Kind {
        IDENT,
        CONST,
        STRING,
        SYMBOL,
        NUMBER,
        OP,
        NEWLINE,
        OTHER
    }

    /** A piece of {@code #{...}} inside a double-quoted string. */
    record Interpolation(String source, int line) {}

    record Token(Kind kind, String text, int line, List<Object> parts) {
        boolean is(Kind wanted) {
            return kind == wanted;
        }

        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    /** The tokens of one statement (one logical line). */
    record Statement(List<Token> tokens) {
        Statement from(int index) {
            return new Statement(tokens.subList(index, tokens.size()));
        }

        /** {@code (value)} as in {@code node_name("x")}: the value. */
        Statement unwrapParentheses() {
            if (tokens.size() >= 2
                    && tokens.get(0).isOp("(")
                    && tokens.get(tokens.size() - 1).isOp(")")) {
                int depth = 0;
                for (int i = 0; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    depth += t.isOp("(") ? 1 : t.isOp(")") ? -1 : 0;
                    if (depth == 0 && i < tokens.size() - 1) {
                        return this; // ("a") || ("b"): the parentheses do not wrap the whole
                    }
                }
                return new Statement(tokens.subList(1, tokens.size() - 1));
            }
            return this;
        }

        /** Statements end at a newline or ';' outside brackets, unless the line ends in an operator or comma. */
        static List<Statement> split(List<Token> tokens) {
            List<Statement> statements = new ArrayList<>();
            List<Token> current = new ArrayList<>();
            int depth = 0;
            for (Token token : tokens) {
                if (token.is(Kind.NEWLINE) || token.isOp(";")) {
                    boolean continues =
                            depth > 0 || (!current.isEmpty() && continuesLine(current.get(current.size() - 1)));
                    if (!continues && !current.isEmpty()) {
                        statements.add(new Statement(List.copyOf(current)));
                        current.clear();
                    }
                    continue;
                }
                if (token.isOp("(") || token.isOp("[") || token.isOp("{")) {
                    depth++;
                } else if (token.isOp(")") || token.isOp("]") || token.isOp("}")) {
                    depth = Math.max(0, depth - 1);
                }
                current.add(token);
            }
            if (!current.isEmpty()) {
                statements.add(new Statement(List.copyOf(current)));
            }
            return statements;
        }

        private static boolean continuesLine(Token last) {
            return last.kind() == Kind.OP
                    && Set.of(",", "||", "&&", "=", ".", "+", "=>").contains(last.text());
        }
    }

    /** Ruby's lexical surface, as much of it as config files use. */
    static final class Lexer {
        private final String text;
        private final Path file;
        private int at;
        private int line;

        Lexer(String text, int firstLine, Path file) {
            this.text = text;
            this.line = firstLine;
            this.file = file;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\n') {
                    tokens.add(new Token(Kind.NEWLINE, "\n", line++, List.of()));
                    at++;
                } else if (c == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
                    at += 2; // explicit line continuation
                    line++;
                } else if (Character.isWhitespace(c)) {
                    at++;
                } else if (c == '#') {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else if (c == '"') {
                    tokens.add(doubleQuoted());
                } else if (c == '\'') {
                    tokens.add(singleQuoted());
                } else if (c == ':' && at + 1 < text.length() && text.charAt(at + 1) == ':') {
                    tokens.add(new Token(Kind.OP, "::", line, List.of()));
                    at += 2;
                } else if (c == ':' && at + 1 < text.length() && isNameStart(text.charAt(at + 1))) {
                    int start = ++at;
                    while (at < text.length() && isNamePart(text.charAt(at))) {
                        at++;
                    }
                    tokens.add(new Token(Kind.SYMBOL, text.substring(start, at), line, List.of()));
                } else if (c == ':' && at + 1 < text.length() && text.charAt(at + 1) == '"') {
                    at++;
                    Token quoted = doubleQuoted();
                    tokens.add(
                            new Token(Kind.SYMBOL, String.valueOf(quoted.parts().get(0)), line, List.of()));
                } else if (Character.isDigit(c)) {
                    int start = at;
                    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                        at++;
                    }
                    tokens.add(new Token(Kind.NUMBER, text.substring(start, at), line, List.of()));
                } else if (isNameStart(c)) {
                    int start = at;
                    while (at < text.length() && isNamePart(text.charAt(at))) {
                        at++;
                    }
                    if (at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '!')) {
                        at++;
                    }
                    String name = text.substring(start, at);
                    Kind kind = Character.isUpperCase(c) || name.equals("__FILE__") ? Kind.CONST : Kind.IDENT;
                    tokens.add(new Token(kind, name, line, List.of()));
                } else {
                    tokens.add(operator());
                }
            }
            return tokens;
        }

        private Token operator() {
            for (String op : List.of("||", "&&", "==", "=>", "(", ")", "[", "]", "{", "}", ",", "=", ".", "+", ";")) {
                if (text.startsWith(op, at)) {
                    at += op.length();
                    return new Token(Kind.OP, op, line, List.of());
                }
            }
            return new Token(Kind.OTHER, String.valueOf(text.charAt(at++)), line, List.of());
        }

        private Token singleQuoted() {
            int startLine = line;
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw unterminated(startLine);
                }
                char c = text.charAt(at++);
                if (c == '\'') {
                    break;
                }
                if (c == '\\' && at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '\\')) {
                    c = text.charAt(at++);
                }
                line += c == '\n' ? 1 : 0;
                out.append(c);
            }
            return new Token(Kind.STRING, out.toString(), startLine, List.of(out.toString()));
        }

        private Token doubleQuoted() {
            int startLine = line;
            List<Object> parts = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw unterminated(startLine);
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && at < text.length()) {
                    char escaped = text.charAt(at++);
                    out.append(
                            switch (escaped) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 's' -> ' ';
                                case '0' -> '\0';
                                default -> escaped;
                            });
                    continue;
                }
                if (c == '#' && at < text.length() && text.charAt(at) == '{') {
                    parts.add(out.toString());
                    out.setLength(0);
                    int start = ++at;
                    int depth = 1;
                    int codeLine = line;
                    while (at < text.length() && depth > 0) {
                        char d = text.charAt(at++);
                        depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                        line += d == '\n' ? 1 : 0;
                    }
                    if (depth > 0) {
                        throw unterminated(startLine);
                    }
                    parts.add(new Interpolation(text.substring(start, at - 1), codeLine));
                    continue;
                }
                line += c == '\n' ? 1 : 0;
                out.append(c);
            }
            parts.add(out.toString());
            return new Token(Kind.STRING, "\"...\"", startLine, List.copyOf(parts));
        }

        private AsgchefException unterminated(int startLine) {
            return new AsgchefException(file + " line " + startLine + ": a string is never closed: fix the quotes");
        }

        private static boolean isNameStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isNamePart(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }
}
