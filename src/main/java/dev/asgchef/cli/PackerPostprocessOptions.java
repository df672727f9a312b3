package dev.asgchef.cli;

import dev.asgchef.aws.Tags;
import dev.asgchef.cli.options.DisplayOptions;
import dev.asgchef.cli.options.DurationConverter;
import dev.asgchef.packer.PostprocessRequest;
import dev.asgchef.report.Reporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** packer-postprocess' own options, its --output, and the request they make. */
final class PackerPostprocessOptions {
    /**
     * Where the AMI ids go: the report, one JSON document, or KEY=VALUE lines alone on stdout. The shared --output
     * (text|json) does not offer env, which only this command can honour.
     */
    enum Output {
        text,
        json,
        env
    }

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            defaultValue = "packer-manifest.json",
            description = "Manifest written by Packer's manifest post-processor (default: ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(
            names = "--build",
            paramLabel = "NAME",
            description = "Only this build of the last run: the source's name (web) or builder.name (amazon-ebs.web)."
                    + " Default: every build of the last run.")
    String build;

    @Option(
            names = "--node-name",
            paramLabel = "NAME",
            description = "Chef node (and client) the build registered. Default: the build's custom_data"
                    + " chef_node_name in the manifest.")
    String nodeName;

    @Option(
            names = "--skip-chef",
            description = "Leave Chef alone: the provisioner removed its node itself, or the build used no Chef.")
    boolean skipChef;

    @Option(
            names = "--tag",
            paramLabel = "KEY=VALUE",
            description = "Tag every AMI of the build (repeatable); an existing tag of that key is overwritten.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(
            names = "--wait-timeout",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description = "How long all AMIs together may take to become available, e.g. 30m, 1h, 0 to look once"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(
            names = "--write-env",
            paramLabel = "FILE",
            description = "Also append the AMI_ID lines to FILE, e.g. \"$GITHUB_ENV\" or a GitLab dotenv report.")
    Path envFile;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            order = 110,
            defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json prints one document at the end;"
                    + " env prints only AMI_ID=ami-... lines on stdout (the report goes to stderr).")
    Output output;

    @Mixin
    DisplayOptions display;

    /** With --output env the report goes to stderr, so that stdout holds only what a script sources. */
    Reporter reporter(CommandSpec spec, Environment environment) {
        return switch (output) {
            case text -> display.text(spec, environment);
            case json -> display.json(spec, environment);
            case env -> display.textOnStderr(spec, environment);
        };
    }

    /** With {@code --output env}, stdout holds the variables alone, ready for {@code . ./ami.env} or $GITHUB_ENV. */
    void printVariables(CommandSpec spec, List<String> variables) {
        if (output == Output.env) {
            PrintWriter out = spec.commandLine().getOut();
            variables.forEach(out::println);
            out.flush();
        }
    }

    PostprocessRequest request(CommandSpec spec, Environment environment, boolean dryRun) {
        if (skipChef && nodeName != null) {
            throw new ParameterException(spec.commandLine(), "--node-name and --skip-chef cannot be used together");
        }
        tags.forEach((key, value) -> {
            try {
                Tags.check("--tag", key, value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        });
        return new PostprocessRequest(
                environment.workingDirectory().resolve(manifest),
                Optional.ofNullable(build),
                Optional.ofNullable(nodeName),
                !skipChef,
                tags,
                waitTimeout,
                Optional.ofNullable(envFile).map(environment.workingDirectory()::resolve),
                dryRun);
    }
}
