package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.cli.options.OutputOptions;
import dev.asgchef.notify.WireNotifications;
import dev.asgchef.notify.WireRequest;
import dev.asgchef.report.Reporter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "wire-notifications",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run phase: wire the group's termination notifications through SNS to an SQS queue for drain-queue.",
            "",
            "Creates or reuses, one step at a time: the SNS topic; a dead-letter queue; the queue (encrypted so SNS"
                    + " can deliver into it, long polling, redrive to the dead-letter queue); a queue policy that"
                    + " admits only this topic and only over TLS, merged into any policy the queue has; the"
                    + " subscription; and the group's notification configuration. With --eventbridge, EventBridge"
                    + " rules for the same terminations; with --alarm-topic, an alarm on the dead-letter queue."
                    + " Safe to re-run: what is already right is reported as Exists and left alone.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:wired (and verified, with --verify)",
            "1:refused, a step failed (the run says what it left in place), or --verify timed out",
            "2:usage error"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  asgchef wire-notifications haproxy-staging --dry-run",
            "  asgchef wire-notifications haproxy-staging --verify --output json",
            "  asgchef wire-notifications haproxy-staging --lifecycle-hook \\",
            "      --hook-role-arn arn:aws:iam::123456789012:role/asg-notify --verify",
            "  asgchef wire-notifications haproxy-staging --eventbridge \\",
            "      --alarm-topic arn:aws:sns:us-east-1:123456789012:ops-pager",
            "See docs/notifications.md."
        })
final class WireNotificationsCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "GROUP", description = "The Auto Scaling group whose notifications to wire.")
    String group;

    @Mixin
    WireNotificationsOptions options;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions output;

    WireNotificationsCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        WireRequest request;
        try {
            request = options.request(group, dryRun.enabled());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Reporter reporter = output.reporter(spec, environment);
        try (AwsClients clients = environment.aws().open(aws.settings())) {
            WireNotifications wire = new WireNotifications(
                    clients.autoScaling(),
                    clients.sns(),
                    clients.sqs(),
                    clients::kms,
                    clients::eventBridge,
                    clients::cloudWatch,
                    reporter,
                    environment.clock());
            int exit = wire.run(request);
            reporter.finish(exit);
            return exit;
        }
    }
}
