package dev.asgchef.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The values given on this command line for options that may hold a secret (a key, token or password), so that no
 * error line repeats them: picocli's usage errors quote the value they reject, and an operator who pastes a key into
 * {@code --validation-key} must not see it printed back into a terminal log or a CI job's output.
 */
final class SecretValues {
    static final String MASK = "****";

    /** --validation-key names where the key is, but an operator may paste the key itself into it. */
    private static final Set<String> SECRET_OPTIONS = Set.of("--validation-key");

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|password|passphrase).*");

    private final List<String> values;

    private SecretValues(List<String> values) {
        this.values = values;
    }

    static SecretValues in(CommandLine cmd, String[] args) {
        Set<String> names = secretOptionNames(root(cmd));
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (names.contains(arg) && i + 1 < args.length) {
                values.add(args[++i]);
            } else if (equals > 0 && names.contains(arg.substring(0, equals))) {
                values.add(arg.substring(equals + 1));
            }
        }
        values.removeIf(value -> value.strip().length() < 4); // masking "a" would garble the line, hiding nothing
        // The longest first, so that a value containing another is masked whole.
        values.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new SecretValues(values);
    }

    /** Masks each value where a message quotes it, so that the words around it (and the word "key") stay readable. */
    String mask(String text) {
        String masked = text;
        for (String value : values) {
            // ErrorHandler puts a message on one line: the value as it appears there must go too.
            for (String form :
                    List.of(value, value.replaceAll("\\s*\\R\\s*", " ").trim())) {
                masked = masked.replace("'" + form + "'", "'" + MASK + "'")
                        .replace("\"" + form + "\"", "\"" + MASK + "\"")
                        .replace("=" + form, "=" + MASK);
            }
        }
        return masked;
    }

    private static CommandLine root(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root;
    }

    private static Set<String> secretOptionNames(CommandLine command) {
        Set<String> names = new HashSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (SECRET_OPTIONS.contains(option.longestName())
                    || SECRET_NAME.matcher(option.longestName()).matches()) {
                names.addAll(List.of(option.names()));
            }
        }
        command.getSubcommands().values().forEach(sub -> names.addAll(secretOptionNames(sub)));
        return names;
    }
}
