package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.chef.NodeCleaner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What one invocation gets from the machine it runs on: environment variables, the working and home directories, the
 * clock, whether stdout and stderr are terminals, how to open AWS clients and the Chef node cleaner, and the directory
 * where this user's runs on this host meet (their locks). Built once by
 * {@link Cli} from the process, or by a test with its own values; nothing below {@code cli/} reads the process
 * environment itself.
 */
public record Environment(
        Map<String, String> variables,
        Path workingDirectory,
        Path homeDirectory,
        Clock clock,
        boolean stdoutIsTerminal,
        boolean stderrIsTerminal,
        AwsClients.Provider aws,
        NodeCleaner.Provider chef,
        Path runDirectory) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        Map<String, String> variables = System.getenv();
        return new Environment(
                variables,
                Path.of("").toAbsolutePath(),
                home(variables),
                Clock.systemUTC(),
                terminal("asgchef.stdout.tty"),
                terminal("asgchef.stderr.tty"),
                AwsClients.standard(),
                NodeCleaner.Provider.standard(),
                runDirectory(System.getProperty("user.name")));
    }

    /**
     * /tmp/asgchef-USER, USER from the password database (as Java's user.name reads it), never from the environment:
     * a cron job (no XDG_RUNTIME_DIR, another TMPDIR) and a login shell of the same user must find the same locks.
     */
    static Path runDirectory(String user) {
        return Path.of("/tmp", "asgchef-" + user.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    /**
     * {@code $HOME}, as knife and the AWS CLI read it; Java's {@code user.home} comes from the password database and
     * differs in containers and CI jobs that set HOME.
     */
    static Path home(Map<String, String> variables) {
        String home = variables.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /**
     * Whether a stream is a terminal: bin/asgchef tests each with {@code [ -t FD ]} and passes the answer as a system
     * property; without the launcher, Java can only tell whether stdin and stdout both are.
     */
    private static boolean terminal(String property) {
        String told = System.getProperty(property);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
