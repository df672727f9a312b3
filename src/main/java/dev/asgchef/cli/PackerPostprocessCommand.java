package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.ChefOptions;
import dev.asgchef.cli.options.CleanupOptions;
import dev.asgchef.cli.options.DisplayOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.packer.AmiChecker;
import dev.asgchef.packer.PackerPostprocess;
import dev.asgchef.packer.PostprocessRequest;
import dev.asgchef.packer.PostprocessResult;
import dev.asgchef.report.Reporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

@Command(
        name = "packer-postprocess",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Build phase: after Packer bakes an AMI, confirm it is available, remove the build node from Chef and hand"
                    + " the AMI id on.",
            "",
            "Reads the manifest Packer's manifest post-processor writes and takes the builds of its last run. For each"
                    + " region's AMI it waits until the image is available (and tags it), then deletes the build"
                    + " instance's Chef node and client, and prints or writes AMI_ID=ami-... for the next CI step.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the AMIs are available and the build node is gone",
            "1:an AMI is not available (failed, missing, or still pending at --wait-timeout); nothing is handed on",
            "2:usage error",
            "3:the AMIs are ready and handed on, but the build node was left in Chef"
        })
final class PackerPostprocessCommand implements Callable<Integer> {
    /** Where the AMI ids go: a report, a JSON document, or KEY=VALUE lines alone on stdout. */
    enum Output {
        text,
        json,
        env
    }

    @Spec
    CommandSpec spec;

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

    @Mixin
    DryRunOption dryRun;

    @Mixin
    AwsOptions aws;

    @Mixin
    ChefOptions chef;

    @Mixin
    CleanupOptions cleanup;

    private final Environment environment;

    PackerPostprocessCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PostprocessRequest request = request();
        Reporter reporter =
                switch (output) {
                    case text -> display.text(spec, environment);
                    case json -> display.json(spec, environment);
                    case env -> display.textOnStderr(spec, environment);
                };
        try (AwsClients clients = environment.aws().open(aws.settings())) {
            AmiChecker amis = new AmiChecker(
                    region -> clients.ec2(Region.of(region)), AmiChecker.EVERY_15_SECONDS, environment.clock());
            PostprocessResult result = new PackerPostprocess(
                            amis,
                            () -> cleanup.open(chef, environment, reporter, request.dryRun()),
                            () -> clients.configuredRegion().map(Region::id),
                            reporter,
                            environment.clock())
                    .run(request);
            if (output == Output.env) {
                result.handoff().lines().forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().flush();
            }
            reporter.finish(result.exitCode());
            return result.exitCode();
        }
    }

    private PostprocessRequest request() {
        if (skipChef && nodeName != null) {
            throw new ParameterException(spec.commandLine(), "--node-name and --skip-chef cannot be used together");
        }
        tags.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 128 || value.length() > 256 || key.startsWith("aws:")) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--tag '" + key + "=" + value + "' is not an EC2 tag: keys are 1-128 characters and may not"
                                + " start with aws:, values at most 256");
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
                dryRun.enabled());
    }
}
