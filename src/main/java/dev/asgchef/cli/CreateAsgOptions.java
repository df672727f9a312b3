package dev.asgchef.cli;

import dev.asgchef.InputFile;
import dev.asgchef.asg.CreateAsgRequest;
import dev.asgchef.asg.HealthCheckType;
import dev.asgchef.asg.LaunchKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments and options of create-asg, in sections of the help, and the request they make. Every value is
 * checked by {@code GroupSpec.derive}; picocli only converts types here.
 */
final class CreateAsgOptions {
    @Parameters(index = "0", paramLabel = "ROLE", description = "Chef role in the run list of every instance.")
    String role;

    @Parameters(index = "1", paramLabel = "AMI", description = "AMI id the instances boot, e.g. ami-0abcdef1234567890.")
    String ami;

    @Parameters(index = "2", paramLabel = "ENVIRONMENT", description = "Chef environment of the instances.")
    String environment;

    @Option(
            names = "--name",
            paramLabel = "GROUP",
            order = 1,
            description = "Group name, which also names the launch template, policies and alarms (default:"
                    + " ROLE-ENVIRONMENT).")
    String name;

    @Option(
            names = "--tag",
            paramLabel = "KEY=VALUE",
            order = 2,
            description = "Another tag for the group and its instances; repeatable. Name, Role and Environment are"
                    + " always set.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(
            names = "--topic-arn",
            paramLabel = "ARN",
            order = 3,
            description = "SNS topic for launch and terminate notifications (default: none; 'asgchef"
                    + " wire-notifications GROUP' makes one with its queue).")
    String topicArn;

    @Option(
            names = "--instance-refresh",
            order = 4,
            description = "Replace instances that run older launch settings (after a new AMI) with a rolling"
                    + " instance refresh.")
    boolean instanceRefresh;

    @Option(
            names = "--no-rollback",
            order = 5,
            description = "When a step fails, keep what this run made instead of deleting it (to inspect it).")
    boolean noRollback;

    @ArgGroup(validate = false, heading = "%nLaunch settings:%n", order = 10)
    Launch launch = new Launch();

    @ArgGroup(validate = false, heading = "%nChef bootstrap (the default user data):%n", order = 20)
    Bootstrap bootstrap = new Bootstrap();

    @ArgGroup(validate = false, heading = "%nGroup size and placement:%n", order = 30)
    Capacity capacity = new Capacity();

    @ArgGroup(validate = false, heading = "%nScaling policies and CPU alarms:%n", order = 40)
    Scaling scaling = new Scaling();

    static final class Launch {
        @Option(
                names = "--launch-configuration",
                order = 11,
                description = "Use a launch configuration instead of a launch template (legacy). Templates are the"
                        + " default because AWS is retiring launch configurations: no new instance types after"
                        + " 2022-12-31, and accounts created on or after 2024-10-01 cannot create them at all (live"
                        + " AWS docs; the June 2023 docs said after 2023-12-31).")
        boolean launchConfiguration;

        @Option(
                names = "--instance-type",
                paramLabel = "TYPE",
                order = 12,
                defaultValue = "t3.micro",
                description = "EC2 instance type (default: ${DEFAULT-VALUE}).")
        String instanceType;

        @Option(
                names = "--key-name",
                paramLabel = "NAME",
                order = 13,
                description = "EC2 key pair for SSH (default: none).")
        String keyName;

        @Option(
                names = "--iam-instance-profile",
                paramLabel = "NAME|ARN",
                order = 14,
                description = "Instance profile of the instances; the Chef bootstrap reads its settings with it"
                        + " (default: none).")
        String instanceProfile;

        @Option(
                names = "--security-group",
                paramLabel = "SG-ID",
                order = 15,
                description = "Security group id; repeatable (default: the VPC's default group).")
        List<String> securityGroups = new ArrayList<>();

        @Option(
                names = "--user-data",
                paramLabel = "FILE",
                order = 16,
                description = "User data script to use instead of the Chef bootstrap (at most 16 KB).")
        Path userData;
    }

    static final class Bootstrap {
        @Option(
                names = "--chef-server-url",
                paramLabel = "URL|ssm:NAME|s3://BUCKET/KEY",
                order = 21,
                defaultValue = "ssm:/asgchef/chef-server-url",
                description = "Chef server URL with /organizations/ORG, or where instances read it at boot"
                        + " (default: CHEF_SERVER_URL, then ${DEFAULT-VALUE}).")
        String chefServerUrl;

        @Option(
                names = "--validation-key",
                paramLabel = "ssm:NAME|s3://BUCKET/KEY",
                order = 22,
                defaultValue = "ssm:/asgchef/chef-validation-key",
                description = "Where instances read the validator key at boot, through their instance profile; never"
                        + " written into user data (default: ${DEFAULT-VALUE}).")
        String validationKey;

        @Option(
                names = "--validation-client-name",
                paramLabel = "NAME",
                order = 23,
                description = "Validator client name (default: ORG-validator, ORG from the server URL).")
        String validationClientName;
    }

    static final class Capacity {
        @Option(
                names = "--min",
                paramLabel = "N",
                order = 31,
                defaultValue = "1",
                description = "Minimum size (default: ${DEFAULT-VALUE}).")
        int min;

        @Option(
                names = "--max",
                paramLabel = "N",
                order = 32,
                defaultValue = "3",
                description = "Maximum size (default: ${DEFAULT-VALUE}).")
        int max;

        @Option(
                names = "--desired",
                paramLabel = "N",
                order = 33,
                description = "Desired capacity (default: --min for a new group; an existing group keeps its own, so a"
                        + " re-run never undoes scaling).")
        Integer desired;

        @Option(
                names = "--subnet",
                paramLabel = "SUBNET-ID",
                order = 34,
                description = "VPC subnet to launch in; repeatable (default: every zone of the default VPC).")
        List<String> subnets = new ArrayList<>();

        @Option(
                names = "--availability-zone",
                paramLabel = "ZONE",
                order = 35,
                description = "Availability zone of the default VPC, instead of --subnet; repeatable.")
        List<String> zones = new ArrayList<>();

        @Option(
                names = "--default-cooldown",
                paramLabel = "SECONDS",
                order = 36,
                defaultValue = "300",
                description = "Group's default cooldown (default: ${DEFAULT-VALUE}).")
        int defaultCooldown;

        @Option(
                names = "--health-check-type",
                paramLabel = "TYPE",
                order = 37,
                defaultValue = "EC2",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        HealthCheckType healthCheckType;

        @Option(
                names = "--health-check-grace-period",
                paramLabel = "SECONDS",
                order = 38,
                defaultValue = "300",
                description = "Time a new instance has to boot and converge before health checks count (default:"
                        + " ${DEFAULT-VALUE}).")
        int healthCheckGracePeriod;
    }

    static final class Scaling {
        @Option(
                names = "--scale-up-adjustment",
                paramLabel = "N",
                order = 41,
                defaultValue = "1",
                description = "Instances added when the up alarm fires (default: ${DEFAULT-VALUE}).")
        int upAdjustment;

        @Option(
                names = "--scale-down-adjustment",
                paramLabel = "N",
                order = 42,
                defaultValue = "1",
                description = "Instances removed when the down alarm fires (default: ${DEFAULT-VALUE}).")
        int downAdjustment;

        @Option(
                names = "--scale-up-cooldown",
                paramLabel = "SECONDS",
                order = 43,
                defaultValue = "300",
                description = "Wait after scaling up before the policy acts again (default: ${DEFAULT-VALUE}).")
        int upCooldown;

        @Option(
                names = "--scale-down-cooldown",
                paramLabel = "SECONDS",
                order = 44,
                defaultValue = "300",
                description = "Wait after scaling down before the policy acts again (default: ${DEFAULT-VALUE}).")
        int downCooldown;

        @Option(
                names = "--cpu-high",
                paramLabel = "PERCENT",
                order = 45,
                defaultValue = "70",
                description = "Average CPU at or above which the group scales up (default: ${DEFAULT-VALUE}).")
        double cpuHigh;

        @Option(
                names = "--cpu-low",
                paramLabel = "PERCENT",
                order = 46,
                defaultValue = "30",
                description = "Average CPU at or below which the group scales down (default: ${DEFAULT-VALUE}).")
        double cpuLow;

        @Option(
                names = "--alarm-period",
                paramLabel = "SECONDS",
                order = 47,
                defaultValue = "300",
                description = "Alarm period, a multiple of 60; EC2 sends CPU every 300 s without detailed monitoring"
                        + " (default: ${DEFAULT-VALUE}).")
        int alarmPeriod;

        @Option(
                names = "--evaluation-periods",
                paramLabel = "N",
                order = 48,
                defaultValue = "2",
                description = "Periods in a row past the threshold before an alarm fires (default: ${DEFAULT-VALUE}).")
        int evaluationPeriods;
    }

    /** The request these options make; reads the --user-data file. */
    CreateAsgRequest request() {
        return new CreateAsgRequest(
                role,
                ami,
                environment,
                Optional.ofNullable(name),
                new CreateAsgRequest.Launch(
                        launch.launchConfiguration ? LaunchKind.CONFIGURATION : LaunchKind.TEMPLATE,
                        launch.instanceType,
                        Optional.ofNullable(launch.keyName),
                        Optional.ofNullable(launch.instanceProfile),
                        launch.securityGroups,
                        Optional.ofNullable(launch.userData).map(CreateAsgOptions::read),
                        new CreateAsgRequest.Bootstrap(
                                bootstrap.chefServerUrl,
                                bootstrap.validationKey,
                                Optional.ofNullable(bootstrap.validationClientName))),
                new CreateAsgRequest.Capacity(
                        capacity.min,
                        capacity.max,
                        Optional.ofNullable(capacity.desired),
                        capacity.subnets,
                        capacity.zones,
                        capacity.defaultCooldown,
                        capacity.healthCheckType,
                        capacity.healthCheckGracePeriod),
                new CreateAsgRequest.Scaling(
                        scaling.upAdjustment,
                        scaling.downAdjustment,
                        scaling.upCooldown,
                        scaling.downCooldown,
                        scaling.cpuHigh,
                        scaling.cpuLow,
                        scaling.alarmPeriod,
                        scaling.evaluationPeriods),
                tags,
                Optional.ofNullable(topicArn),
                instanceRefresh,
                !noRollback);
    }

    private static CreateAsgRequest.UserDataFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--user-data " + file + " is a directory: name the script file");
        }
        try {
            if (Files.size(file) > 1024 * 1024) {
                throw new IllegalArgumentException("--user-data " + file + " is over 1 MB; EC2 takes at most 16 KB");
            }
            return new CreateAsgRequest.UserDataFile(
                    file.toString(), InputFile.bytes(file, "--user-data", InputFile.CONFIG));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--user-data " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--user-data " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "): check its permissions");
        }
    }
}
