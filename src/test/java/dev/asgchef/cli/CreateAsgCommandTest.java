package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeAwsCloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * create-asg end to end: the real command line, the real SDK clients and their wire protocols, against an in-process
 * endpoint that answers like Auto Scaling, EC2 and CloudWatch and keeps state between runs.
 */
class CreateAsgCommandTest {
    private static final String AMI = "ami-0abcdef1234567890";
    private static final String NEW_AMI = "ami-0fedcba9876543210";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:asg-events";
    private static final String GROUP = "haproxy-staging";

    @TempDir
    Path home;

    private FakeAwsCloud aws;

    @BeforeEach
    void start() throws IOException {
        aws = new FakeAwsCloud().image(AMI).image(NEW_AMI);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private CliRun createAsg(String ami, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "create-asg",
                "haproxy",
                ami,
                "staging",
                "--region",
                FakeAwsCloud.REGION,
                "--endpoint-url",
                aws.endpoint().toString(),
                "--subnet",
                "subnet-0123456789abcdef0",
                "--iam-instance-profile",
                "chef-node"));
        args.addAll(List.of(more));
        return new CliHarness(home).run(args.toArray(String[]::new));
    }

    @Test
    void firstRunCreatesEveryResourceInOrder() {
        CliRun run = createAsg(AMI, "--topic-arn", TOPIC);

        run.assertExit(0);
        assertEquals(
                List.of(
                        "Creating 'haproxy' ASG with ami-0abcdef1234567890 for staging.",
                        "Creating Launch Template: Success",
                        "Creating Auto Scaling Group: Success",
                        "Creating Scale Up Policy: Success",
                        "Creating Up Metric Alarm: Success",
                        "Creating Scale Down Policy: Success",
                        "Creating Down Metric Alarm: Success",
                        "Creating SNS Notification: Success"),
                List.of(run.outLines()));
        assertEquals("", run.err());
    }

    @Test
    void theLaunchTemplateRequiresImdsV2AndCarriesTheChefBootstrap() {
        createAsg(AMI);

        List<ResponseLaunchTemplateData> versions = aws.templateVersions(GROUP);
        assertEquals(1, versions.size());
        ResponseLaunchTemplateData data = versions.get(0);
        assertEquals(AMI, data.imageId());
        assertEquals("t3.micro", data.instanceTypeAsString());
        assertEquals("chef-node", data.iamInstanceProfile().name());
        assertEquals("required", data.metadataOptions().httpTokensAsString());
        String userData = new String(Base64.getDecoder().decode(data.userData()), StandardCharsets.UTF_8);
        assertTrue(userData.contains("ROLE='haproxy'\n"), userData);
        assertTrue(userData.contains("CHEF_ENVIRONMENT='staging'\n"), userData);
    }

    @Test
    void theGroupPointsAtTheTemplateVersionAndTagsPropagate() {
        createAsg(AMI, "--tag", "team=edge", "--min", "2", "--max", "4");

        AutoScalingGroup group = aws.group(GROUP).orElseThrow();
        assertEquals(GROUP, group.launchTemplate().launchTemplateName());
        assertEquals("1", group.launchTemplate().version());
        assertEquals(2, group.minSize());
        assertEquals(4, group.maxSize());
        assertEquals(2, group.desiredCapacity());
        assertEquals("subnet-0123456789abcdef0", group.vpcZoneIdentifier());
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (TagDescription t : group.tags()) {
            assertTrue(t.propagateAtLaunch(), t.key() + " propagates at launch");
            tags.put(t.key(), t.value());
        }
        assertEquals(Map.of("Name", GROUP, "Role", "haproxy", "Environment", "staging", "team", "edge"), tags);
    }

    @Test
    void eachAlarmTriggersThePolicyArnAutoScalingReturned() {
        createAsg(AMI);

        ScalingPolicy up = aws.policy(GROUP, "haproxy-staging-scale-up").orElseThrow();
        ScalingPolicy down = aws.policy(GROUP, "haproxy-staging-scale-down").orElseThrow();
        assertEquals(1, up.scalingAdjustment());
        assertEquals(-1, down.scalingAdjustment());
        assertEquals("ChangeInCapacity", up.adjustmentType());
        MetricAlarm high = aws.alarm("haproxy-staging-cpu-high").orElseThrow();
        MetricAlarm low = aws.alarm("haproxy-staging-cpu-low").orElseThrow();
        assertEquals(List.of(up.policyARN()), high.alarmActions());
        assertEquals(List.of(down.policyARN()), low.alarmActions());
        assertEquals(
                List.of(Dimension.builder()
                        .name("AutoScalingGroupName")
                        .value(GROUP)
                        .build()),
                high.dimensions());
        assertEquals("AWS/EC2", high.namespace());
        assertEquals("CPUUtilization", high.metricName());
        assertEquals("GreaterThanOrEqualToThreshold", high.comparisonOperatorAsString());
        assertEquals(70.0, high.threshold());
        assertEquals("LessThanOrEqualToThreshold", low.comparisonOperatorAsString());
        assertEquals(30.0, low.threshold());
    }

    @Test
    void notificationsCoverLaunchAndTerminateAndTheirErrors() {
        createAsg(AMI, "--topic-arn", TOPIC);

        assertEquals(
                List.of(
                        "autoscaling:EC2_INSTANCE_LAUNCH",
                        "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
                        "autoscaling:EC2_INSTANCE_TERMINATE",
                        "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"),
                aws.notifications().stream()
                        .filter(n -> n.topicARN().equals(TOPIC))
                        .map(NotificationConfiguration::notificationType)
                        .toList());
    }

    @Test
    void withoutATopicTheNotificationStepSaysHowToWireOne() {
        CliRun run = createAsg(AMI);

        run.assertExit(0);
        String last = run.outLines()[run.outLines().length - 1];
        assertEquals(
                "Creating SNS Notification: Skipped (no --topic-arn; to have teardown hear of terminated instances,"
                        + " run: asgchef wire-notifications haproxy-staging)",
                last);
    }

    @Test
    void aSecondRunWithTheSameArgumentsChangesNothing() {
        createAsg(AMI, "--topic-arn", TOPIC).assertExit(0);
        aws.forgetCalls();

        CliRun again = createAsg(AMI, "--topic-arn", TOPIC);

        again.assertExit(0);
        assertEquals(
                List.of(
                        "Creating 'haproxy' ASG with ami-0abcdef1234567890 for staging.",
                        "Creating Launch Template: Exists",
                        "Creating Auto Scaling Group: Exists",
                        "Creating Scale Up Policy: Exists",
                        "Creating Up Metric Alarm: Exists",
                        "Creating Scale Down Policy: Exists",
                        "Creating Down Metric Alarm: Exists",
                        "Creating SNS Notification: Exists"),
                List.of(again.outLines()));
        assertEquals(List.of(), aws.mutatingCalls());
    }

    @Test
    void aNewAmiMakesANewTemplateVersionAndPointsTheGroupAtIt() {
        createAsg(AMI);

        CliRun run = createAsg(NEW_AMI);

        run.assertExit(0);
        String[] lines = run.outLines();
        assertEquals(
                "Creating Launch Template: Updated (version 2: ImageId ami-0abcdef1234567890 -> ami-0fedcba9876543210)",
                lines[1]);
        assertEquals("Creating Auto Scaling Group: Updated (launch template version 1 -> 2)", lines[2]);
        assertEquals("Creating Scale Up Policy: Exists", lines[3]);
        assertEquals(2, aws.templateVersions(GROUP).size());
        assertEquals(NEW_AMI, aws.templateVersions(GROUP).get(1).imageId());
        assertEquals("2", aws.group(GROUP).orElseThrow().launchTemplate().version());
    }

    @Test
    void instanceRefreshReplacesInstancesOnTheOldVersion() {
        createAsg(AMI);
        aws.addInstance(GROUP, "i-0123456789abcdef0", "1");

        CliRun run = createAsg(NEW_AMI, "--instance-refresh");

        run.assertExit(0);
        String last = run.outLines()[run.outLines().length - 1];
        assertTrue(last.startsWith("Starting Instance Refresh: Success ("), last);
        assertTrue(last.endsWith(": replacing 1 instance with launch template haproxy-staging version 2)"), last);
        assertTrue(aws.calls().contains("StartInstanceRefresh"));
    }

    @Test
    void instanceRefreshIsSkippedWhenEveryInstanceIsCurrent() {
        createAsg(AMI);
        aws.addInstance(GROUP, "i-0123456789abcdef0", "1");

        CliRun run = createAsg(AMI, "--instance-refresh");

        String last = run.outLines()[run.outLines().length - 1];
        assertEquals(
                "Starting Instance Refresh: Skipped (every instance already runs launch template haproxy-staging"
                        + " version 1)",
                last);
        assertFalse(aws.calls().contains("StartInstanceRefresh"));
    }

    @Test
    void aFailedStepRollsBackThisRunNewestFirst() {
        aws.failOn(
                "PutMetricAlarm", 403, "AccessDenied", "User is not authorized to perform cloudwatch:PutMetricAlarm");

        CliRun run = createAsg(AMI);

        run.assertExit(1);
        assertEquals(
                List.of(
                        "Creating 'haproxy' ASG with ami-0abcdef1234567890 for staging.",
                        "Creating Launch Template: Success",
                        "Creating Auto Scaling Group: Success",
                        "Creating Scale Up Policy: Success",
                        "Creating Up Metric Alarm: Failed (AccessDenied: User is not authorized to perform"
                                + " cloudwatch:PutMetricAlarm)",
                        "Deleting Scale Up Policy: Success",
                        "Deleting Auto Scaling Group: Success",
                        "Deleting Launch Template: Success"),
                List.of(run.outLines()));
        assertTrue(run.err().contains("Grant the missing permission"), run.err());
        assertTrue(aws.isEmpty(), "no half-built group is left");
    }

    @Test
    void aRollbackPutsBackWhatExistedBeforeAndKeepsIt() {
        createAsg(AMI).assertExit(0);
        aws.failOn("PutNotificationConfiguration", 400, "ValidationError", "Topic not found");

        CliRun run = createAsg(NEW_AMI, "--topic-arn", TOPIC);

        run.assertExit(1);
        assertEquals(
                List.of(
                        "Creating SNS Notification: Failed (ValidationError: Topic not found)",
                        "Restoring Auto Scaling Group: Success",
                        "Deleting Launch Template version 2: Success"),
                List.of(run.outLines()).subList(7, 10));
        assertEquals(10, run.outLines().length);
        assertEquals("1", aws.group(GROUP).orElseThrow().launchTemplate().version());
        assertEquals(1, aws.templateVersions(GROUP).size());
        assertEquals(AMI, aws.templateVersions(GROUP).get(0).imageId());
        assertTrue(aws.policy(GROUP, "haproxy-staging-scale-up").isPresent());
        assertTrue(aws.alarm("haproxy-staging-cpu-low").isPresent());
    }

    @Test
    void noRollbackLeavesWhatThisRunMade() {
        aws.failOn("PutScalingPolicy", 400, "LimitExceeded", "Too many policies");

        CliRun run = createAsg(AMI, "--no-rollback");

        run.assertExit(1);
        assertEquals(
                "Creating Scale Up Policy: Failed (LimitExceeded: Too many policies)",
                run.outLines()[run.outLines().length - 1]);
        assertTrue(run.err().contains("--no-rollback"), run.err());
        assertTrue(aws.group(GROUP).isPresent());
    }

    @Test
    void aFailedStepIsOnStdoutAndTheWarningAboutWhatIsLeftOnStderr() {
        aws.failOn("PutScalingPolicy", 400, "LimitExceeded", "Too many policies");

        createAsg(AMI, "--no-rollback")
                .assertExit(1)
                .assertRecordOnStdout("Creating Scale Up Policy: Failed (LimitExceeded")
                .assertDiagnosticOnStderr("Warning: --no-rollback");
    }

    @Test
    void anAmiThatDoesNotExistFailsTheFirstStepAndMakesNothing() {
        CliRun run = createAsg("ami-0123456789abcdef0");

        run.assertExit(1);
        assertEquals(
                "Creating Launch Template: Failed (AMI ami-0123456789abcdef0 is not found in us-east-1: check the id,"
                        + " --region, and that the AMI is shared with the account)",
                run.outLines()[1]);
        assertEquals(2, run.outLines().length);
        assertEquals(List.of(), aws.mutatingCalls());
    }

    @Test
    void theLegacyPathMakesALaunchConfiguration() {
        CliRun run = createAsg(AMI, "--launch-configuration");

        run.assertExit(0);
        assertEquals("Creating Launch Configuration: Success", run.outLines()[1]);
        String lc = aws.group(GROUP).orElseThrow().launchConfigurationName();
        assertTrue(lc.matches("haproxy-staging-[0-9a-f]{10}"), lc);
        assertEquals(List.of(lc), aws.launchConfigurations());
        assertEquals(List.of(), aws.templateVersions(GROUP));
    }

    @Test
    void theLegacyPathMakesANewLaunchConfigurationForANewAmi() {
        createAsg(AMI, "--launch-configuration");
        assertEquals(
                "Creating Launch Configuration: Exists",
                createAsg(AMI, "--launch-configuration").outLines()[1]);

        CliRun run = createAsg(NEW_AMI, "--launch-configuration");

        run.assertExit(0);
        String[] lines = run.outLines();
        assertTrue(lines[1].startsWith("Creating Launch Configuration: Updated (replaces haproxy-staging-"), lines[1]);
        assertTrue(lines[2].startsWith("Creating Auto Scaling Group: Updated (launch configuration"), lines[2]);
        assertEquals(2, aws.launchConfigurations().size());
    }

    @Test
    void jsonOutputNamesEveryResourceWithItsArn() throws IOException {
        CliRun run = createAsg(AMI, "--topic-arn", TOPIC, "--output", "json");

        run.assertExit(0);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        JsonNode resources = doc.path("result").path("resources");
        assertEquals(GROUP, doc.path("result").path("group").asText());
        assertTrue(resources
                .path("launchTemplate")
                .path("arn")
                .asText()
                .matches("arn:aws:ec2:us-east-1:123456789012:launch-template/lt-[0-9a-f]{17}"));
        assertTrue(resources
                .path("autoScalingGroup")
                .path("arn")
                .asText()
                .startsWith("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"));
        assertEquals(
                aws.policy(GROUP, "haproxy-staging-scale-up").orElseThrow().policyARN(),
                resources.path("scaleUpPolicy").path("arn").asText());
        assertEquals(
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:haproxy-staging-cpu-high",
                resources.path("upAlarm").path("arn").asText());
        assertEquals(
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:haproxy-staging-cpu-low",
                resources.path("downAlarm").path("arn").asText());
        assertEquals(TOPIC, resources.path("notification").path("topicArn").asText());
        for (String key :
                List.of("launchTemplate", "autoScalingGroup", "scaleUpPolicy", "upAlarm", "scaleDownPolicy")) {
            assertFalse(resources.path(key).path("name").asText().isEmpty(), key);
        }
        assertEquals(7, doc.path("steps").size());
    }

    @Test
    void aDryRunNeedsNoCredentialsRegionOrNetwork() {
        CliRun run = new CliHarness(home)
                .aws(settings -> {
                    throw new AssertionError("a dry run opened AWS clients");
                })
                .run("create-asg", "haproxy", AMI, "staging", "--dry-run");

        run.assertExit(0);
        String[] lines = run.outLines();
        assertEquals("Creating 'haproxy' ASG with ami-0abcdef1234567890 for staging.", lines[0]);
        assertTrue(lines[1].startsWith("Would create Launch Template: haproxy-staging (ImageId=" + AMI), lines[1]);
        assertTrue(lines[2].startsWith("Would create Auto Scaling Group: haproxy-staging ("), lines[2]);
        assertTrue(lines[4].contains("AlarmActions=the ARN of haproxy-staging-scale-up"), lines[4]);
        assertEquals("Dry run: nothing was changed.", lines[lines.length - 1]);
        assertTrue(run.err().contains("no --iam-instance-profile"), run.err());
    }

    @Test
    void aDryRunAgainstTheEndpointMakesNoCall() {
        CliRun run = createAsg(AMI, "--dry-run", "--topic-arn", TOPIC);

        run.assertExit(0);
        assertEquals(List.of(), aws.calls());
        assertTrue(run.out().contains("Would create SNS Notification: " + TOPIC), run.out());
    }

    @Test
    void theBuildsTrainingRunStaysValid() {
        // bin/make-cds-archive records its class list with exactly this invocation.
        CliRun run = new CliHarness(home)
                .aws(settings -> {
                    throw new AssertionError("a dry run opened AWS clients");
                })
                .run("create-asg", "cds", "ami-0123456789abcdef0", "training", "--dry-run", "--region", "us-east-1");

        run.assertExit(0);
    }

    @Test
    void optionDefaultsComeFromThePropertiesFile() throws IOException {
        Files.writeString(home.resolve(".asgchef.properties"), "create-asg.instance-type=m7g.large\nmax=9\n");

        CliRun run = new CliHarness(home).run("create-asg", "haproxy", AMI, "staging", "--dry-run");

        assertTrue(run.out().contains("InstanceType=m7g.large"), run.out());
        assertTrue(run.out().contains("MaxSize=9"), run.out());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ami-123|--min|1|AMI 'ami-123' is not an AMI id: expected ami- and 8 or 17 hex digits",
                "ami-0abcdef1234567890|--instance-type|t3micro|--instance-type 't3micro' is not an EC2 instance type",
                "ami-0abcdef1234567890|--subnet|subnet-xyz|--subnet 'subnet-xyz' is not a subnet id: expected subnet-",
                "ami-0abcdef1234567890|--security-group|sg-12|--security-group 'sg-12' is not a security group id",
                "ami-0abcdef1234567890|--min|5|--min 5 is greater than --max 3: raise --max or lower --min",
                "ami-0abcdef1234567890|--desired|7|--desired 7 is outside --min 1 .. --max 3",
                "ami-0abcdef1234567890|--alarm-period|90|--alarm-period 90 is not a CloudWatch alarm period",
                "ami-0abcdef1234567890|--topic-arn|arn:aws:sqs:us-east-1:1:q|--topic-arn 'arn:aws:sqs:us-east-1:1:q'"
                        + " is not an SNS topic ARN",
                "ami-0abcdef1234567890|--validation-key|secret|--validation-key '****' is not a place instances can"
                        + " read it from",
                "ami-0abcdef1234567890|--tag|Role=web|--tag Role is set by create-asg itself",
            })
    void badInputIsRefusedBeforeAnyCallWithTheExpectedForm(String ami, String option, String value, String message) {
        CliRun run = createAsg(ami, option, value);

        run.assertExit(2);
        assertTrue(run.err().startsWith("asgchef create-asg: " + message), run.err());
        assertTrue(run.err().contains("Try 'asgchef create-asg --help'"), run.err());
        assertEquals("", run.out());
        assertEquals(List.of(), aws.calls());
    }

    @Test
    void aMissingUserDataFileIsAUsageError() {
        CliRun run = createAsg(AMI, "--user-data", home.resolve("nope.sh").toString());

        run.assertExit(2);
        assertTrue(run.err().contains("nope.sh: no such file"), run.err());
    }

    @Test
    void userDataFromAFileReplacesTheBootstrap() throws IOException {
        Path script = home.resolve("boot.sh");
        Files.writeString(script, "#!/bin/sh\necho hello\n");

        createAsg(AMI, "--user-data", script.toString()).assertExit(0);

        String userData = aws.templateVersions(GROUP).get(0).userData();
        assertEquals(
                "#!/bin/sh\necho hello\n", new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8));
    }

    @Test
    void userDataThatIsADirectoryIsAUsageErrorNamingIt() {
        CliRun run = createAsg(AMI, "--user-data", home.toString());
        run.assertExit(2);
        assertTrue(run.err().contains("--user-data " + home + " is a directory"), run.err());
        assertEquals(List.of(), aws.calls(), "refused before any call");
    }
}
