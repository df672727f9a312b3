package dev.asgchef.cli;

import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.ChefOptions;
import dev.asgchef.cli.options.DisplayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "asgchef",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Build, run and tear down EC2 Auto Scaling groups whose instances are configured by a Chef Infra Server.",
            ""
        },
        subcommands = {
            PackerPostprocessCommand.class,
            CreateAsgCommand.class,
            WireNotificationsCommand.class,
            DrainQueueCommand.class,
            CleanupNodeCommand.class,
            HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all done",
            "1:an operation failed (what this run created was rolled back where that applies)",
            "2:usage error: unknown flag, missing or malformed argument",
            "3:partial: some messages or nodes failed and were left for retry"
        },
        footerHeading = "%nConfiguration:%n",
        footer = {
            "Flags win over environment variables (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL,",
            "CHEF_CONFIG, CHEF_PROFILE, CHEF_SERVER_URL, CHEF_USER, CHEF_KEY), which win over",
            "the properties file ~/.asgchef.properties or $ASGCHEF_CONFIG (keys: option names",
            "without dashes, e.g. region=eu-west-1 or drain-queue.workers=16).",
            "",
            "The options above may also be written after the command, where they win over the same option before it.",
            "Run 'asgchef help COMMAND' or 'asgchef COMMAND --help' for a command's options."
        })
final class RootCommand implements Runnable {
    @Spec
    CommandSpec spec;

    // The shared options, accepted before the command as the aws CLI and knife accept theirs; the command reads them
    // as defaults (DefaultValues), so each command keeps its own options and its own checks.
    @Mixin
    AwsOptions aws;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            order = 110,
            description = "Output format of the command: text or json (packer-postprocess also has" + " env).")
    String output;

    @Mixin
    DisplayOptions display;

    @Mixin
    ChefOptions chef;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing command: choose one of "
                        + String.join(", ", spec.subcommands().keySet()));
    }
}
