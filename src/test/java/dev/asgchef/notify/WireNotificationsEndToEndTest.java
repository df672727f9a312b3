package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.ElasticMq;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The command end to end through {@code CommandLine.execute}: the queue side against ElasticMQ, a real SQS
 * implementation started in-process; Auto Scaling, SNS, EventBridge and CloudWatch (which have no local emulator
 * here) as {@link FakeAws}.
 *
 * <p>What ElasticMQ 1.6 does with the attributes asked for, found by these tests and the probes behind them:
 * VisibilityTimeout, ReceiveMessageWaitTimeSeconds and RedrivePolicy are kept, reported and honoured (messages really
 * move to the dead-letter queue); MessageRetentionPeriod and Policy are accepted but never reported back;
 * SqsManagedSseEnabled and KmsMasterKeyId are ignored by CreateQueue and rejected by SetQueueAttributes.
 */
class WireNotificationsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @TempDir
    Path home;

    private final FakeAws aws = new FakeAws(ElasticMq.ACCOUNT);
    private final List<String> groups = new ArrayList<>();

    /** A group of its own for each test, so that tests sharing the server share no queue. */
    private String group(String name) {
        aws.autoScaling.group(name);
        groups.add(name);
        return name;
    }

    private CliHarness harness() {
        return new CliHarness(home).aws(settings -> new AwsClients(settings)
                .supply(AutoScalingClient.class, aws.autoScaling)
                .supply(SnsClient.class, aws.sns)
                .supply(EventBridgeClient.class, aws.eventBridge)
                .supply(CloudWatchClient.class, aws.cloudWatch));
    }

    private CliRun run(CliHarness harness, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--region", ElasticMq.REGION, "--endpoint-url", sqs.endpoint().toString()));
        return harness.run(all.toArray(String[]::new));
    }

    private CliRun run(String... args) {
        return run(harness(), args);
    }

    private Map<String, String> attributes(String queue) {
        String url = sqs.client().getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.client()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                .attributesAsStrings();
    }

    private static String queueArn(String name) {
        return "arn:aws:sqs:" + ElasticMq.REGION + ":" + ElasticMq.ACCOUNT + ":" + name;
    }

    @Test
    void firstRunBuildsTheQueuesDrainQueueReads() throws Exception {
        String group = group("alpha");
        CliRun run = run("wire-notifications", group, "--max-receive-count", "3");
        run.assertExit(0);
        assertEquals(
                List.of(
                        "Wiring 'alpha' notifications to queue alpha-asg-events through topic alpha-asg-events.",
                        "Creating SNS Topic: Success",
                        "Creating Dead-Letter Queue: Success",
                        "Creating SQS Queue: Success",
                        "Creating Queue Policy: Success",
                        "Creating SNS Subscription: Success",
                        "Creating SNS Notification: Success"),
                List.of(run.outLines()));
        Map<String, String> queue = attributes("alpha-asg-events");
        assertEquals("300", queue.get("VisibilityTimeout"));
        assertEquals("20", queue.get("ReceiveMessageWaitTimeSeconds"));
        assertEquals(
                JSON.readTree("{\"deadLetterTargetArn\":\"" + queueArn("alpha-asg-events-dlq") + "\","
                        + "\"maxReceiveCount\":3}"),
                JSON.readTree(queue.get("RedrivePolicy")));
        assertEquals("20", attributes("alpha-asg-events-dlq").get("ReceiveMessageWaitTimeSeconds"));
        assertEquals(
                queueArn("alpha-asg-events"), aws.sns.subscriptions().get(0).endpoint());
    }

    @Test
    void theRedrivePolicyReallyMovesAMessageThatKeepsFailing() {
        String group = group("bravo");
        run("wire-notifications", group, "--max-receive-count", "1").assertExit(0);
        String url =
                sqs.client().getQueueUrl(b -> b.queueName("bravo-asg-events")).queueUrl();
        String dlq = sqs.client()
                .getQueueUrl(b -> b.queueName("bravo-asg-events-dlq"))
                .queueUrl();
        sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("a termination drain-queue cannot finish"));
        List<Message> first = sqs.client()
                .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).visibilityTimeout(0))
                .messages();
        assertEquals(1, first.size());
        assertEquals(
                0,
                sqs.client()
                        .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1))
                        .messages()
                        .size());
        List<Message> dead = sqs.client()
                .receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1))
                .messages();
        assertEquals(
                List.of("a termination drain-queue cannot finish"),
                dead.stream().map(Message::body).toList());
    }

    @Test
    void secondRunReusesTheQueuesAndSaysWhatTheEmulatorCannotShow() {
        String group = group("charlie");
        run("wire-notifications", group).assertExit(0);
        CliRun again = run("wire-notifications", group);
        again.assertExit(0);
        assertEquals(
                List.of(
                        "Wiring 'charlie' notifications to queue charlie-asg-events through topic charlie-asg-events.",
                        "Creating SNS Topic: Exists",
                        "Creating Dead-Letter Queue: Exists",
                        "Creating SQS Queue: Exists",
                        // ElasticMQ accepts a Policy but never reports it back, so it is set again each run.
                        "Creating Queue Policy: Success",
                        "Creating SNS Subscription: Exists",
                        "Creating SNS Notification: Exists"),
                List.of(again.outLines()));
        assertTrue(
                again.err()
                        .contains("Warning: the SQS endpoint does not report MessageRetentionPeriod,"
                                + " SqsManagedSseEnabled of charlie-asg-events (an emulator?): left unchecked"),
                again.err());
        assertEquals(1, aws.sns.subscriptions().size());
    }

    @Test
    void anExistingQueueNamedByUrlIsReusedAndBroughtInLine() {
        String group = group("delta");
        String url = sqs.createQueue("delta-existing");
        CliRun run = run("wire-notifications", group, "--queue", url);
        run.assertExit(0);
        assertTrue(
                run.out()
                        .contains("Creating SQS Queue: Updated (VisibilityTimeout 30 -> 300,"
                                + " ReceiveMessageWaitTimeSeconds 0 -> 20, RedrivePolicy unset -> delta-existing-dlq after 10"
                                + " receives)"),
                run.out());
        assertEquals("300", attributes("delta-existing").get("VisibilityTimeout"));
    }

    @Test
    void jsonOutputNamesEveryResource() throws Exception {
        String group = group("echo");
        CliRun run = run(
                "wire-notifications",
                group,
                "--output",
                "json",
                "--lifecycle-hook",
                "--hook-role-arn",
                "arn:aws:iam::000000000000:role/asg-notify");
        run.assertExit(0);
        JsonNode document = JSON.readTree(run.out());
        JsonNode result = document.path("result");
        assertEquals(
                "arn:aws:sns:us-east-1:000000000000:echo-asg-events",
                result.path("topicArn").asText());
        assertEquals(
                sqs.endpoint() + "/000000000000/echo-asg-events",
                result.path("queueUrl").asText());
        assertEquals(queueArn("echo-asg-events"), result.path("queueArn").asText());
        assertEquals(
                sqs.endpoint() + "/000000000000/echo-asg-events-dlq",
                result.path("deadLetterQueueUrl").asText());
        assertEquals(
                queueArn("echo-asg-events-dlq"),
                result.path("deadLetterQueueArn").asText());
        assertEquals(
                aws.sns.subscriptions().get(0).subscriptionArn(),
                result.path("subscriptionArn").asText());
        assertEquals("chef-cleanup", result.path("hookName").asText());
        assertEquals(7, document.path("steps").size());
        assertEquals("ok", document.path("status").asText());
    }

    @Test
    void verifyWaitsForTheTestNotificationAndDeletesIt() {
        String group = group("foxtrot");
        aws.autoScaling.afterNotificationPut(put -> {
            String url = sqs.client()
                    .getQueueUrl(b -> b.queueName("foxtrot-asg-events"))
                    .queueUrl();
            String body = Messages.envelope(put.topicARN(), Messages.testNotification(group, CliHarness.NOW));
            sqs.client().sendMessage(b -> b.queueUrl(url).messageBody(body));
        });
        CliRun run = run("wire-notifications", group, "--verify");
        run.assertExit(0);
        assertTrue(
                run.out().contains("Verifying Notification Path: Success (test notification arrived after"), run.out());
        Map<String, String> queue = attributes("foxtrot-asg-events");
        assertEquals("0", queue.get("ApproximateNumberOfMessages"));
        assertEquals("0", queue.get("ApproximateNumberOfMessagesNotVisible"), "deleted, not just received");
    }

    @Test
    void verifyThatTimesOutLeavesWaitingTerminationsForDrainQueue() {
        String group = group("golf");
        run("wire-notifications", group).assertExit(0);
        String url =
                sqs.client().getQueueUrl(b -> b.queueName("golf-asg-events")).queueUrl();
        String termination = Messages.resource("sns-envelope-asg-terminate.json");
        sqs.client().sendMessage(b -> b.queueUrl(url).messageBody(termination));

        CliRun run = run(
                harness().clock(Clock.systemUTC()), "wire-notifications", group, "--verify", "--verify-timeout", "1");
        run.assertExit(1).assertRecordOnStdout("Verifying Notification Path: Failed (");
        assertTrue(
                run.out()
                        .contains("Verifying Notification Path: Failed (no test notification reached"
                                + " golf-asg-events within 1 s"),
                run.out());
        List<Message> left = sqs.client()
                .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1))
                .messages();
        assertEquals(List.of(termination), left.stream().map(Message::body).toList(), "visible again at once");
    }

    @Test
    void dryRunCreatesNoQueue() {
        String group = group("hotel");
        CliRun run = run("wire-notifications", group, "--dry-run");
        run.assertExit(0);
        assertTrue(run.out().contains("Would create SQS Queue: hotel-asg-events (VisibilityTimeout=300"), run.out());
        assertTrue(sqs.client()
                .listQueues(b -> b.queueNamePrefix("hotel"))
                .queueUrls()
                .isEmpty());
        assertEquals(List.of(), aws.mutations());
    }

    @Test
    void eventBridgeAndAlarmAreWiredThenFoundOnTheNextRun() {
        String group = group("india");
        String pager = "arn:aws:sns:" + ElasticMq.REGION + ":" + ElasticMq.ACCOUNT + ":ops-pager";
        CliRun run = run("wire-notifications", group, "--eventbridge", "--alarm-topic", pager);
        run.assertExit(0);
        assertEquals(
                List.of(
                        "Creating EventBridge Rule india-asg-terminate: Success",
                        "Creating EventBridge Rule india-ec2-terminate: Success",
                        "Creating Dead-Letter Alarm: Success"),
                List.of(run.outLines()).subList(7, 10));
        assertEquals(
                queueArn("india-asg-events"),
                aws.eventBridge.targets("india-ec2-terminate").get(0).arn());
        assertEquals(
                List.of(pager),
                aws.cloudWatch
                        .findAlarm("india-asg-events-dlq-not-empty")
                        .orElseThrow()
                        .alarmActions());

        CliRun again = run("wire-notifications", group, "--eventbridge", "--alarm-topic", pager);
        again.assertExit(0);
        assertEquals(
                List.of(
                        "Creating EventBridge Rule india-asg-terminate: Exists",
                        "Creating EventBridge Rule india-ec2-terminate: Exists",
                        "Creating Dead-Letter Alarm: Exists"),
                List.of(again.outLines()).subList(7, 10));
    }

    @Test
    void eventBridgeDryRunMakesNoRuleAndNoAlarm() {
        String group = group("juliet");
        CliRun run = run(
                "wire-notifications",
                group,
                "--eventbridge",
                "--alarm-topic",
                "arn:aws:sns:" + ElasticMq.REGION + ":" + ElasticMq.ACCOUNT + ":ops-pager",
                "--dry-run");
        run.assertExit(0);
        assertTrue(run.out().contains("Would create EventBridge Rule juliet-asg-terminate: "), run.out());
        assertTrue(run.out().contains("Would create Dead-Letter Alarm: juliet-asg-events-dlq-not-empty"), run.out());
        assertEquals(List.of(), aws.mutations());
    }
}
