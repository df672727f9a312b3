package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults: a shared option written before the command ({@code asgchef --region X drain-queue}), then the
 * environment, then the properties file. A flag written after the command always wins because picocli asks a default
 * provider only for options the command line did not set.
 *
 * <p>Properties keys are option names without dashes, optionally qualified by the command: {@code region=eu-west-1}
 * applies to every command, {@code drain-queue.workers=16} to one.
 */
final class DefaultValues implements IDefaultValueProvider {
    /** Options with conventional environment variables, the first set one winning (AWS_REGION as the aws CLI). */
    static final Map<String, List<String>> ENVIRONMENT = Map.of(
            "region", List.of("AWS_REGION", "AWS_DEFAULT_REGION"),
            "profile", List.of("AWS_PROFILE"),
            "endpoint-url", List.of("AWS_ENDPOINT_URL"),
            "ca-bundle", List.of("AWS_CA_BUNDLE"),
            "chef-config", List.of("CHEF_CONFIG"),
            "chef-profile", List.of("CHEF_PROFILE"),
            "chef-server-url", List.of("CHEF_SERVER_URL"),
            "chef-user", List.of("CHEF_USER"),
            "chef-key", List.of("CHEF_KEY"));

    private final Environment environment;
    private final Properties properties;

    DefaultValues(Environment environment, Properties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    /** What {@code ASGCHEF_CONFIG} names to read no file at all, as {@code GIT_CONFIG} and {@code ssh -F} take it. */
    static final String NO_FILE = "/dev/null";

    /**
     * The properties file: {@code $ASGCHEF_CONFIG} (must exist; {@code /dev/null} for none), else {@code
     * ~/.asgchef.properties} if present.
     */
    static Properties load(Environment environment) {
        Optional<String> named = environment.variable("ASGCHEF_CONFIG");
        Path file = file(environment);
        Properties properties = new Properties();
        if (named.isEmpty() && !Files.exists(file)
                || named.filter(NO_FILE::equals).isPresent()) {
            return properties;
        }
        try (Reader reader =
                new StringReader(InputFile.text(file, "properties file", InputFile.CONFIG, StandardCharsets.UTF_8))) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new AsgchefException("cannot read the properties file " + file + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): fix or remove it"
                    + (named.isPresent() ? ", or unset ASGCHEF_CONFIG" : ""));
        }
        return properties;
    }

    static Path file(Environment environment) {
        return environment
                .variable("ASGCHEF_CONFIG")
                .map(environment.workingDirectory()::resolve)
                .orElse(environment.homeDirectory().resolve(".asgchef.properties"));
    }

    /**
     * One warning per key that names no option, with the nearest option name: a misspelt key would otherwise be
     * ignored without a word, and the operator would wonder why the setting has no effect.
     */
    static List<String> unknownKeys(Properties properties, CommandSpec root, Path file) {
        Set<String> known = new TreeSet<>();
        addKeys(root, "", known);
        root.subcommands().values().forEach(sub -> addKeys(sub.getCommandSpec(), sub.getCommandName() + ".", known));
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!known.contains(key)) {
                warnings.add("unknown key '" + key + "' in " + file + " is ignored; did you mean '"
                        + nearest(key, known) + "'?");
            }
        }
        return warnings;
    }

    private static void addKeys(CommandSpec command, String prefix, Set<String> known) {
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                known.add(prefix + option.longestName().replaceFirst("^-+", ""));
            }
        }
    }

    /** The known key at the smallest edit distance from {@code key}; the first in order on a tie. */
    static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        Optional<String> beforeCommand = givenBeforeCommand(option);
        if (beforeCommand.isPresent()) {
            return beforeCommand.get();
        }
        String name = option.longestName().replaceFirst("^-+", "");
        for (String variable : ENVIRONMENT.getOrDefault(name, List.of())) {
            Optional<String> value = environment.variable(variable);
            if (value.isPresent()) {
                return value.get();
            }
        }
        String command = option.command() == null ? null : option.command().name();
        if (command != null && properties.containsKey(command + "." + name)) {
            return properties.getProperty(command + "." + name);
        }
        return properties.getProperty(name);
    }

    /**
     * The value of the same option on the root command, when the operator wrote it there: by the time picocli parses a
     * command's own options, everything before the command's name has been parsed.
     */
    private static Optional<String> givenBeforeCommand(OptionSpec option) {
        CommandSpec command = option.command();
        if (command == null || command.parent() == null) {
            return Optional.empty();
        }
        OptionSpec root = command.root().findOption(option.longestName());
        if (root == null || root == option || root.originalStringValues().isEmpty()) {
            return Optional.empty();
        }
        List<String> given = root.originalStringValues();
        return Optional.of(given.get(given.size() - 1));
    }
}
