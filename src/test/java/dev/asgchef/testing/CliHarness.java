package dev.asgchef.testing;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.chef.NodeCleaner;
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

/**
 * Runs the CLI in-process the way a shell would, with an environment the test controls: no real environment variables,
 * a temporary home and working directory, a fixed clock, no terminal. AWS clients and the Chef cleaner are opened as
 * in production unless the test hands in its own provider; AWS credentials then come from the SDK's default chain,
 * which under Maven finds the dummy keys surefire sets as system properties (aws.accessKeyId, aws.secretAccessKey),
 * and the instance metadata service is switched off there too.
 */
public final class CliHarness {
    public static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final Map<String, String> variables = new HashMap<>();
    private final Path home;
    private final Path workingDirectory;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private AwsClients.Provider aws = AwsClients.standard();
    private NodeCleaner.Provider chef = NodeCleaner.Provider.standard();

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

    /** Chef as an in-process object (e.g. {@link FakeChef}) where the HTTP conversation is not what the test is about. */
    public CliHarness chef(NodeCleaner.Provider provider) {
        this.chef = provider;
        return this;
    }

    public Environment environment() {
        return new Environment(
                variables, workingDirectory, home, clock, false, false, aws, chef, workingDirectory.resolve("run"));
    }

    public CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(environment(), new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
