package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.ChefOptions;
import dev.asgchef.cli.options.CleanupOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.packer.AmiChecker;
import dev.asgchef.packer.PackerPostprocess;
import dev.asgchef.packer.PostprocessRequest;
import dev.asgchef.packer.PostprocessResult;
import dev.asgchef.report.Reporter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  asgchef packer-postprocess --output env > ami.env && . ./ami.env",
            "  asgchef packer-postprocess --manifest build/manifest.json --build web --write-env \"$GITHUB_ENV\"",
            "  asgchef packer-postprocess --tag Ready=true --dry-run",
            "See docs/packer.md and examples/packer."
        })
final class PackerPostprocessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PackerPostprocessOptions options;

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
        PostprocessRequest request = options.request(spec, environment, dryRun.enabled());
        Reporter reporter = options.reporter(spec, environment);
        try (AwsClients clients = environment.aws().open(aws.settings())) {
            AmiChecker amis = new AmiChecker(
                    region -> clients.ec2(Region.of(region)), AmiChecker.EVERY_15_SECONDS, environment.clock());
            Supplier<NodeCleaner> cleaner =
                    () -> environment.chef().open(cleanup.settings(chef, environment, reporter, request.dryRun()));
            PostprocessResult result = new PackerPostprocess(
                            amis,
                            cleaner,
                            () -> clients.configuredRegion().map(Region::id),
                            reporter,
                            environment.clock())
                    .run(request);
            options.printVariables(spec, result.amiVariables().lines());
            reporter.finish(result.exitCode());
            return result.exitCode();
        }
    }
}
