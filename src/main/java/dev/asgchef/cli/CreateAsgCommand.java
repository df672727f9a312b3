package dev.asgchef.cli;

import dev.asgchef.asg.AsgClients;
import dev.asgchef.asg.CreateAsg;
import dev.asgchef.asg.GroupSpec;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.cli.options.OutputOptions;
import dev.asgchef.report.Reporter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "create-asg",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run phase: create the launch template, Auto Scaling group, scaling policies, alarms and notifications for"
                    + " ROLE.",
            "",
            "Each step looks first, then creates or updates, and says Success, Exists or Updated: a re-run with the"
                    + " same arguments changes nothing, and a new AMI makes a new launch template version and points"
                    + " the group at it. If a step fails, what this run made is deleted again, newest first.",
            "",
            "New instances join the Chef server as node <instance id>, with the Chef role ROLE in their run list and"
                    + " the Chef environment ENVIRONMENT; they read the server URL and validation key at boot"
                    + " through their instance profile (see --chef-server-url, --validation-key)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  asgchef create-asg haproxy ami-0abcdef1234567890 staging --dry-run",
            "  asgchef create-asg haproxy ami-0abcdef1234567890 staging \\",
            "      --subnet subnet-0123456789abcdef0 --iam-instance-profile chef-node \\",
            "      --topic-arn arn:aws:sns:us-east-1:123456789012:asg-events"
        })
final class CreateAsgCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    CreateAsgOptions options;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    OutputOptions output;

    @Mixin
    AwsOptions aws;

    CreateAsgCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        GroupSpec group;
        try {
            group = GroupSpec.derive(options.request());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        AwsSettings settings = aws.settings();
        Reporter reporter = output.reporter(spec, environment);
        CreateAsg createAsg = new CreateAsg(reporter);
        int exitCode;
        if (dryRun.enabled()) {
            // No AWS client is opened: a dry run needs no credentials, region or network.
            exitCode = createAsg.plan(group);
        } else {
            try (AwsClients clients = environment.aws().open(settings)) {
                exitCode = createAsg.run(
                        group,
                        new AsgClients(
                                clients.autoScaling(),
                                clients.ec2(),
                                clients.cloudWatch(),
                                clients.region().id()));
            }
        }
        reporter.finish(exitCode);
        return exitCode;
    }
}
