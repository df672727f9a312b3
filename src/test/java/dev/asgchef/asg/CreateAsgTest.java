package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.TextReporter;
import dev.asgchef.report.Verbosity;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeCloudWatch;
import dev.asgchef.testing.FakeEc2;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

class CreateAsgTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CreateAsg createAsg =
            new CreateAsg(new TextReporter(new PrintWriter(out), new PrintWriter(err), Verbosity.NORMAL, false, false));

    private final FakeAutoScaling as = new FakeAutoScaling();
    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeCloudWatch cw = new FakeCloudWatch();
    private final AsgClients aws = new AsgClients(as, ec2, cw, "us-east-1");

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    /** EC2 sees the AMI and no template of the group's name, and makes one. */
    private void aNewTemplateCanBeMade() {
        ec2.image(Image.builder()
                .imageId("ami-0abcdef1234567890")
                .state(ImageState.AVAILABLE)
                .build());
    }

    /** A service's error as the SDK throws it. */
    private static RuntimeException failure(
            AwsServiceException.Builder builder, int status, String code, String message) {
        return builder.awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .statusCode(status)
                .build();
    }

    @Test
    void theStepsRunInTheOrderOfTheRunningPhase() {
        Requests r = Requests.defaults();
        r.topicArn = "arn:aws:sns:us-east-1:123456789012:asg-events";
        r.instanceRefresh = true;

        assertEquals(
                List.of(
                        "Launch Template",
                        "Auto Scaling Group",
                        "Scale Up Policy",
                        "Up Metric Alarm",
                        "Scale Down Policy",
                        "Down Metric Alarm",
                        "SNS Notification",
                        "Instance Refresh"),
                CreateAsg.steps(r.spec()).stream().map(ResourceStep::title).toList());
        r.kind = LaunchKind.CONFIGURATION;
        assertEquals("Launch Configuration", CreateAsg.steps(r.spec()).get(0).title());
    }

    @Test
    void thePlanShowsEveryStepWithItsParametersAndNeedsNoClient() {
        Requests r = Requests.defaults();
        r.securityGroups = List.of("sg-0123456789abcdef0");
        r.tags = java.util.Map.of("team", "edge");

        assertEquals(ExitStatus.OK, createAsg.plan(r.spec()));

        List<String> lines = lines();
        assertEquals("Creating 'haproxy' ASG with ami-0abcdef1234567890 for staging.", lines.get(0));
        assertTrue(
                lines.get(1)
                        .startsWith("Would create Launch Template: haproxy-staging (ImageId=ami-0abcdef1234567890,"
                                + " InstanceType=t3.micro, KeyName=none, IamInstanceProfile=chef-node,"
                                + " SecurityGroupIds=[sg-0123456789abcdef0], MetadataOptions=HttpTokens=required (IMDSv2),"
                                + " UserData=Chef bootstrap"),
                lines.get(1));
        assertEquals(
                "Would create Auto Scaling Group: haproxy-staging (LaunchTemplate=haproxy-staging at the version"
                        + " above, MinSize=1, MaxSize=3, DesiredCapacity=1 (new group only), DefaultCooldown=300,"
                        + " HealthCheckType=EC2, HealthCheckGracePeriod=300,"
                        + " VPCZoneIdentifier=subnet-0123456789abcdef0, Tags={Name=haproxy-staging, Role=haproxy,"
                        + " Environment=staging, team=edge} propagated at launch)",
                lines.get(2));
        assertEquals(
                "Would create Scale Up Policy: haproxy-staging-scale-up (AutoScalingGroupName=haproxy-staging,"
                        + " PolicyType=SimpleScaling, AdjustmentType=ChangeInCapacity, ScalingAdjustment=1,"
                        + " Cooldown=300)",
                lines.get(3));
        assertEquals(
                "Would create Up Metric Alarm: haproxy-staging-cpu-high (Namespace=AWS/EC2, MetricName=CPUUtilization,"
                        + " Statistic=Average, Dimensions=AutoScalingGroupName=haproxy-staging,"
                        + " ComparisonOperator=GreaterThanOrEqualToThreshold, Threshold=70, Period=300,"
                        + " EvaluationPeriods=2, AlarmActions=the ARN of haproxy-staging-scale-up)",
                lines.get(4));
        assertTrue(lines.get(5).startsWith("Would create Scale Down Policy: haproxy-staging-scale-down ("));
        assertTrue(lines.get(6).contains("ComparisonOperator=LessThanOrEqualToThreshold, Threshold=30"));
        assertTrue(lines.get(7).startsWith("Creating SNS Notification: Skipped (no --topic-arn"));
        assertEquals("Dry run: nothing was changed.", lines.get(8));
    }

    @Test
    void aThrottledStepFailsWithTheServicesReasonAndThisRunIsRolledBackNewestFirst() {
        aNewTemplateCanBeMade();
        cw.failOn("putMetricAlarm", failure(CloudWatchException.builder(), 400, "Throttling", "Rate exceeded"));

        int exit = createAsg.run(Requests.defaults().spec(), aws);

        assertEquals(ExitStatus.FAILED, exit);
        assertEquals(
                List.of(
                        "Creating 'haproxy' ASG with ami-0abcdef1234567890 for staging.",
                        "Creating Launch Template: Success",
                        "Creating Auto Scaling Group: Success",
                        "Creating Scale Up Policy: Success",
                        "Creating Up Metric Alarm: Failed (Throttling: Rate exceeded)",
                        "Deleting Scale Up Policy: Success",
                        "Deleting Auto Scaling Group: Success",
                        "Deleting Launch Template: Success"),
                lines());
        assertTrue(err.toString().contains("AWS is throttling this account after retries"), err.toString());
        assertEquals(
                List.of("describeImages", "describeLaunchTemplates", "createLaunchTemplate", "deleteLaunchTemplate"),
                ec2.operations());
    }

    @Test
    void anUndoThatFailsIsReportedAndTheRestOfTheRollbackGoesOn() {
        aNewTemplateCanBeMade();
        ec2.failOn(
                "deleteLaunchTemplate",
                failure(
                        Ec2Exception.builder(),
                        403,
                        "UnauthorizedOperation",
                        "You are not authorized to perform this operation."));
        as.failOn(
                "describeAutoScalingGroups",
                failure(AutoScalingException.builder(), 403, "AccessDenied", "not authorized"));

        int exit = createAsg.run(Requests.defaults().spec(), aws);

        assertEquals(ExitStatus.FAILED, exit);
        assertEquals(
                List.of(
                        "Creating Auto Scaling Group: Failed (AccessDenied: not authorized)",
                        "Deleting Launch Template: Failed (UnauthorizedOperation: You are not authorized to perform"
                                + " this operation.)"),
                lines().subList(2, 4));
        assertTrue(err.toString().contains("the rollback left Launch Template in place"), err.toString());
    }

    @Test
    void noRollbackKeepsThisRunsChangesAndSaysWhichTheyAre() {
        aNewTemplateCanBeMade();
        as.failOn(
                "describeAutoScalingGroups",
                failure(AutoScalingException.builder(), 403, "AccessDenied", "not authorized"));
        Requests r = Requests.defaults();
        r.rollback = false;

        assertEquals(ExitStatus.FAILED, createAsg.run(r.spec(), aws));

        assertEquals(3, lines().size());
        assertTrue(
                err.toString().contains("--no-rollback: this run's changes to Launch Template are left in place"),
                err.toString());
        assertEquals(List.of("describeImages", "describeLaunchTemplates", "createLaunchTemplate"), ec2.operations());
    }
}
