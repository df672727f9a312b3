package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What one invocation gets from the machine it runs on: environment variables, the working and home directories, the
 * clock, whether stdout and stderr are terminals, and how to open AWS clients. Built once by {@link Cli} from the
 * process, or by a test with its own values; nothing below {@code cli/} reads the process environment itself.
 */
public record Environment(
        Map<String, String> variables,
        Path workingDirectory,
        Path homeDirectory,
        Clock clock,
        boolean stdoutIsTerminal,
        boolean stderrIsTerminal,
        AwsClients.Provider aws) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        boolean console = System.console() != null;
        return new Environment(
                System.getenv(),
                Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")),
                Clock.systemUTC(),
                console,
                console,
                AwsClients.standard());
    }

    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public Environment withVariables(Map<String, String> newVariables) {
        return new Environment(
                newVariables, workingDirectory, homeDirectory, clock, stdoutIsTerminal, stderrIsTerminal, aws);
    }

    public Environment withAws(AwsClients.Provider provider) {
        return new Environment(
                variables, workingDirectory, homeDirectory, clock, stdoutIsTerminal, stderrIsTerminal, provider);
    }
}
