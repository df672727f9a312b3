package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment, then from the properties file. Flags always win because picocli asks a
 * default provider only for options the command line did not set.
 *
 * <p>Properties keys are option names without dashes, optionally qualified by the command: {@code region=eu-west-1}
 * applies to every command, {@code drain-queue.workers=16} to one.
 */
final class DefaultValues implements IDefaultValueProvider {
    /** Options with a conventional environment variable. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "region", "AWS_REGION",
            "profile", "AWS_PROFILE",
            "endpoint-url", "AWS_ENDPOINT_URL",
            "chef-config", "CHEF_CONFIG",
            "chef-profile", "CHEF_PROFILE",
            "chef-server-url", "CHEF_SERVER_URL",
            "chef-user", "CHEF_USER",
            "chef-key", "CHEF_KEY");

    private final Environment environment;
    private final Properties properties;

    DefaultValues(Environment environment, Properties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    /** The properties file: {@code $ASGCHEF_CONFIG} (must exist), else {@code ~/.asgchef.properties} if present. */
    static Properties load(Environment environment) {
        Optional<String> named = environment.variable("ASGCHEF_CONFIG");
        Path file = named.map(environment.workingDirectory()::resolve)
                .orElse(environment.homeDirectory().resolve(".asgchef.properties"));
        Properties properties = new Properties();
        if (named.isEmpty() && !Files.exists(file)) {
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

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        String variable = ENVIRONMENT.get(name);
        if (variable != null) {
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
}
