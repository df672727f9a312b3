package dev.asgchef.testing;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.cli.Cli;
import dev.asgchef.cli.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs the CLI in-process the way a shell would, with an environment the test controls: no real environment variables,
 * a temporary home and working directory, a fixed clock, no terminal, and AWS clients with dummy static credentials
 * (so no credential chain or instance metadata is ever consulted).
 */
public final class CliHarness {
    public static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final Map<String, String> variables = new HashMap<>();
    private final Path home;
    private final Path workingDirectory;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private AwsClients.Provider aws = settings -> new AwsClients(
            settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")));

    public CliHarness(Path home, Path workingDirectory) {
        this.home = home;
        this.workingDirectory = workingDirectory;
    }

    /** Home and working directory are the same temporary directory. */
    public CliHarness(Path directory) {
        this(directory, directory);
    }

    public CliHarness env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public CliHarness clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    public CliHarness aws(AwsClients.Provider provider) {
        this.aws = provider;
        return this;
    }

    public Environment environment() {
        return new Environment(variables, workingDirectory, home, clock, false, false, aws);
    }

    public CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(environment(), new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
