package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.aws.Arn;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.RecordingReporter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;

class WireNotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = FakeAws.topicArn("web-asg-events");
    private static final String QUEUE = FakeAws.queueArn("web-asg-events");
    private static final String DLQ = FakeAws.queueArn("web-asg-events-dlq");

    private final FakeAws aws = new FakeAws();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private RecordingReporter reporter = new RecordingReporter();

    private int run(Requests request) {
        reporter = new RecordingReporter();
        return aws.wire(reporter, clock).run(request.build());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void firstRunCreatesEachResourceInOrder() {
        assertEquals(0, run(new Requests()));
        assertEquals(
                List.of(
                        "Creating SNS Topic: Success",
                        "Creating Dead-Letter Queue: Success",
                        "Creating SQS Queue: Success",
                        "Creating Queue Policy: Success",
                        "Creating SNS Subscription: Success",
                        "Creating SNS Notification: Success"),
                reporter.lines());
        assertEquals(
                List.of("Wiring 'web' notifications to queue web-asg-events through topic web-asg-events."),
                reporter.announced());
    }

    @Test
    void queueHasLongPollingRetentionSqsManagedEncryptionAndAVisibilityTimeoutForOneCleanup() {
        run(new Requests());
        Map<String, String> queue = aws.sqs.attributes("web-asg-events");
        assertEquals("300", queue.get("VisibilityTimeout"));
        assertEquals("20", queue.get("ReceiveMessageWaitTimeSeconds"));
        assertEquals("604800", queue.get("MessageRetentionPeriod"));
        assertEquals("true", queue.get("SqsManagedSseEnabled"));
        assertFalse(queue.containsKey("KmsMasterKeyId"));
    }

    @Test
    void redrivePolicyIsExactlyTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        Requests request = new Requests();
        request.settings = new QueueSettings(300, 7, 4);
        run(request);
        assertEquals(
                json("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":4}"),
                json(aws.sqs.attributes("web-asg-events").get("RedrivePolicy")));
    }

    @Test
    void deadLetterQueueKeepsMessagesLongerThanTheQueue() {
        run(new Requests());
        Map<String, String> dlq = aws.sqs.attributes("web-asg-events-dlq");
        assertEquals("1209600", dlq.get("MessageRetentionPeriod"));
        assertTrue(Long.parseLong(dlq.get("MessageRetentionPeriod"))
                > Long.parseLong(aws.sqs.attributes("web-asg-events").get("MessageRetentionPeriod")));
        assertEquals("true", dlq.get("SqsManagedSseEnabled"));
        assertFalse(dlq.containsKey("RedrivePolicy"), "a dead-letter queue has no dead-letter queue of its own");
    }

    @Test
    void queuePolicyLetsExactlyThisTopicSendAndDeniesAnythingWithoutTls() throws Exception {
        run(new Requests());
        String expected =
                """
                {"Version": "2012-10-17",
                 "Statement": [
                   {"Sid": "asgchef-allow-sns-web-asg-events",
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": "%s",
                    "Condition": {"ArnEquals": {"aws:SourceArn": "%s"}}},
                   {"Sid": "asgchef-deny-insecure-transport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "sqs:*",
                    "Resource": "%s",
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
                """
                        .formatted(QUEUE, TOPIC, QUEUE);
        assertEquals(json(expected), json(aws.sqs.attributes("web-asg-events").get("Policy")));
    }

    @Test
    void deadLetterQueuePolicyOnlyDeniesAnythingWithoutTls() throws Exception {
        run(new Requests());
        JsonNode policy = json(aws.sqs.attributes("web-asg-events-dlq").get("Policy"));
        assertEquals(1, policy.path("Statement").size());
        assertEquals(
                json(QueuePolicy.denyInsecureTransport(Arn.parse(DLQ).orElseThrow())
                        .toString()),
                policy.path("Statement").get(0));
    }

    @Test
    void subscriptionIsSqsToTheQueueArnWithRawDeliveryAsAsked() {
        Requests request = new Requests();
        request.rawDelivery = true;
        run(request);
        SubscribeRequest subscribe = aws.sns.request("subscribe", SubscribeRequest.class);
        assertEquals(TOPIC, subscribe.topicArn());
        assertEquals("sqs", subscribe.protocol());
        assertEquals(QUEUE, subscribe.endpoint(), "SNS needs the queue ARN, not its URL");
        assertEquals(Map.of("RawMessageDelivery", "true"), subscribe.attributes());
        assertTrue(subscribe.returnSubscriptionArn());
        assertEquals(
                aws.sns.subscriptions().get(0).subscriptionArn(),
                reporter.results().get("subscriptionArn"));
    }

    @Test
    void subscriptionWithoutRawDeliveryKeepsTheEnvelope() {
        run(new Requests());
        String arn = aws.sns.subscriptions().get(0).subscriptionArn();
        assertEquals("false", aws.sns.subscriptionAttributes(arn).get("RawMessageDelivery"));
    }

    @Test
    void notificationConfigurationSendsTerminationsOnlyByDefault() {
        run(new Requests());
        assertEquals(
                Map.of(TOPIC, Set.of("autoscaling:EC2_INSTANCE_TERMINATE")),
                aws.autoScaling.notificationTypes(FakeAws.GROUP));
    }

    @Test
    void allEventsAddsLaunchesAndBothErrors() {
        Requests request = new Requests();
        request.events = EventSelection.ALL;
        run(request);
        assertEquals(
                Set.of(
                        "autoscaling:EC2_INSTANCE_LAUNCH",
                        "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
                        "autoscaling:EC2_INSTANCE_TERMINATE",
                        "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"),
                aws.autoScaling.notificationTypes(FakeAws.GROUP).get(TOPIC));
    }

    @Test
    void secondRunFindsEverythingAndChangesNothing() {
        Requests request = new Requests().hook();
        request.rawDelivery = true;
        request.events = EventSelection.ALL;
        assertEquals(0, run(request));
        List<String> afterFirstRun = List.copyOf(aws.mutations());

        assertEquals(0, run(request));
        assertEquals(
                List.of(
                        "Creating SNS Topic: Exists",
                        "Creating Dead-Letter Queue: Exists",
                        "Creating SQS Queue: Exists",
                        "Creating Queue Policy: Exists",
                        "Creating SNS Subscription: Exists",
                        "Creating SNS Notification: Exists",
                        "Creating Lifecycle Hook: Exists"),
                reporter.lines());
        assertEquals(afterFirstRun, aws.mutations(), "the second run made no mutating call");
        assertEquals(1, aws.sns.subscriptions().size());
        assertEquals(2, aws.sqs.attributes("web-asg-events").get("Policy").split("\"Sid\"").length - 1);
    }

    @Test
    void resultsNameEveryResourceForTheNextCiStep() {
        run(new Requests().hook());
        Map<String, Object> results = reporter.results();
        assertEquals(TOPIC, results.get("topicArn"));
        assertEquals(FakeAws.queueUrl("web-asg-events"), results.get("queueUrl"));
        assertEquals(QUEUE, results.get("queueArn"));
        assertEquals(FakeAws.queueUrl("web-asg-events-dlq"), results.get("deadLetterQueueUrl"));
        assertEquals(DLQ, results.get("deadLetterQueueArn"));
        assertEquals(aws.sns.subscriptions().get(0).subscriptionArn(), results.get("subscriptionArn"));
        assertEquals("chef-cleanup", results.get("hookName"));
    }

    @Test
    void dryRunReadsButMakesNoMutatingCall() {
        Requests request = new Requests().hook().verify(30);
        request.dryRun = true;
        assertEquals(0, run(request));
        assertEquals(List.of(), aws.mutations());
        assertTrue(
                reporter.steps().stream().allMatch(s -> s.outcome() == Outcome.PLANNED),
                reporter.lines().toString());
        assertEquals(
                "Would create SQS Queue: web-asg-events (VisibilityTimeout=300, ReceiveMessageWaitTimeSeconds=20,"
                        + " MessageRetentionPeriod=604800, SqsManagedSseEnabled=true,"
                        + " RedrivePolicy=web-asg-events-dlq after 10 receives)",
                reporter.step("SQS Queue").text());
        assertEquals(
                "Would create Lifecycle Hook: chef-cleanup (autoscaling:EC2_INSTANCE_TERMINATING to " + QUEUE + " as "
                        + Requests.ROLE + ", heartbeat 900 s, default result CONTINUE)",
                reporter.step("Lifecycle Hook").text());
        assertTrue(reporter.step("Notification Path").text().startsWith("Would verify Notification Path: wait up to"));
    }

    @Test
    void dryRunAgainstExistingResourcesSaysWhatWouldChange() {
        aws.topic("web-asg-events").queue("web-asg-events-dlq", Map.of()).queue("web-asg-events", Map.of());
        Requests request = new Requests();
        request.dryRun = true;
        run(request);
        assertEquals(List.of(), aws.mutations());
        assertEquals("Creating SNS Topic: Exists", reporter.step("SNS Topic").text());
        assertEquals(
                "Would update SQS Queue: web-asg-events: VisibilityTimeout 30 -> 300, ReceiveMessageWaitTimeSeconds"
                        + " 0 -> 20, MessageRetentionPeriod 345600 -> 604800, RedrivePolicy unset ->"
                        + " web-asg-events-dlq after 10 receives",
                reporter.step("SQS Queue").text());
    }

    @Test
    void existingQueuePolicyIsMergedNotReplaced() throws Exception {
        String theirs = "{\"Sid\":\"ReaderRole\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::123456789012:role/reader\"},\"Action\":\"sqs:ReceiveMessage\",\"Resource\":\""
                + QUEUE + "\"}";
        aws.queue("web-asg-events", Map.of("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[" + theirs + "]}"));
        run(new Requests());
        assertEquals(
                "Creating Queue Policy: Updated (merged into the existing statements)",
                reporter.step("Queue Policy").text());
        JsonNode statements =
                json(aws.sqs.attributes("web-asg-events").get("Policy")).path("Statement");
        assertEquals(3, statements.size());
        assertEquals(json(theirs), statements.get(0), "the queue's own statement is kept, first and unchanged");
        assertEquals(
                "asgchef-allow-sns-web-asg-events",
                statements.get(1).path("Sid").asText());
        assertEquals(
                "asgchef-deny-insecure-transport", statements.get(2).path("Sid").asText());

        run(new Requests());
        assertEquals(
                "Creating Queue Policy: Exists", reporter.step("Queue Policy").text());
        assertEquals(
                3,
                json(aws.sqs.attributes("web-asg-events").get("Policy"))
                        .path("Statement")
                        .size());
    }

    @Test
    void existingQueueWithOtherSettingsIsUpdatedAndSaysHow() {
        aws.queue("web-asg-events", Map.of("VisibilityTimeout", "30", "ReceiveMessageWaitTimeSeconds", "20"));
        run(new Requests());
        assertEquals(
                "Creating SQS Queue: Updated (VisibilityTimeout 30 -> 300, MessageRetentionPeriod 345600 -> 604800,"
                        + " RedrivePolicy unset -> web-asg-events-dlq after 10 receives)",
                reporter.step("SQS Queue").text());
        assertTrue(
                aws.mutations()
                        .contains(
                                "sqs:SetQueueAttributes web-asg-events [MessageRetentionPeriod, RedrivePolicy, VisibilityTimeout]"));
    }

    @Test
    void existingSubscriptionIsReusedAndItsRawDeliveryFixed() {
        aws.topic("web-asg-events");
        String arn = aws.sns.subscribe(TOPIC, "sqs", QUEUE);
        Requests request = new Requests();
        request.rawDelivery = true;
        run(request);
        assertEquals(
                "Creating SNS Subscription: Updated (raw delivery off -> on)",
                reporter.step("SNS Subscription").text());
        assertEquals(1, aws.sns.subscriptions().size());
        assertEquals("true", aws.sns.subscriptionAttributes(arn).get("RawMessageDelivery"));
        assertEquals(arn, reporter.results().get("subscriptionArn"));
    }

    @Test
    void aTopicThatAlreadyHearsOfMoreEventsKeepsThemAndExists() {
        // create-asg --topic-arn configures all four types on the same topic: wire-notifications must not take any
        // away.
        aws.autoScaling.notifications(FakeAws.GROUP, TOPIC, List.copyOf(EventSelection.ALL.notificationTypes()));
        run(new Requests());
        assertEquals(
                "Creating SNS Notification: Exists",
                reporter.step("SNS Notification").text());
        assertEquals(
                new TreeSet<>(EventSelection.ALL.notificationTypes()),
                aws.autoScaling.notificationTypes(FakeAws.GROUP).get(TOPIC));
        assertFalse(
                aws.mutations().stream().anyMatch(m -> m.contains("PutNotificationConfiguration")),
                aws.mutations().toString());
    }

    @Test
    void missingEventsAreAddedToTheOnesConfiguredAndTheLineSaysWhatItWas() {
        aws.autoScaling.notifications(FakeAws.GROUP, TOPIC, List.of("autoscaling:EC2_INSTANCE_LAUNCH_ERROR"));
        run(new Requests());
        assertEquals(
                "Creating SNS Notification: Updated (was autoscaling:EC2_INSTANCE_LAUNCH_ERROR)",
                reporter.step("SNS Notification").text());
        assertEquals(
                Set.of("autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE"),
                aws.autoScaling.notificationTypes(FakeAws.GROUP).get(TOPIC));
    }

    @Test
    void otherTopicsOfTheGroupAreLeftAlone() {
        String other = FakeAws.topicArn("ops-email");
        aws.autoScaling.notifications(
                FakeAws.GROUP, other, List.copyOf(Set.of("autoscaling:EC2_INSTANCE_LAUNCH_ERROR")));
        run(new Requests());
        assertEquals(
                Set.of("autoscaling:EC2_INSTANCE_LAUNCH_ERROR"),
                aws.autoScaling.notificationTypes(FakeAws.GROUP).get(other));
    }

    @Test
    void lifecycleHookTargetsTheQueueAndContinuesByDefault() {
        run(new Requests().hook());
        LifecycleHook hook = aws.autoScaling.hook(FakeAws.GROUP, "chef-cleanup").orElseThrow();
        assertEquals("autoscaling:EC2_INSTANCE_TERMINATING", hook.lifecycleTransition());
        assertEquals(QUEUE, hook.notificationTargetARN());
        assertEquals(Requests.ROLE, hook.roleARN());
        assertEquals(900, hook.heartbeatTimeout());
        assertEquals("CONTINUE", hook.defaultResult(), "AWS would default to ABANDON");
        assertEquals("Creating Lifecycle Hook: Success", reporter.lines().get(6));
    }

    @Test
    void lifecycleHookWithOtherSettingsIsReplaced() {
        run(new Requests().hook());
        Requests changed = new Requests();
        changed.hook = Optional.of(
                new HookSpec("chef-cleanup", HookSpec.parseRoleArn(Requests.ROLE), 1800, HookSpec.HookResult.ABANDON));
        run(changed);
        assertEquals(
                "Creating Lifecycle Hook: Updated (heartbeat timeout 900 -> 1800, default result CONTINUE -> ABANDON)",
                reporter.step("Lifecycle Hook").text());
        assertEquals(
                1800,
                aws.autoScaling
                        .hook(FakeAws.GROUP, "chef-cleanup")
                        .orElseThrow()
                        .heartbeatTimeout());
    }

    @Test
    void hookRoleThatCannotBeUsedFailsItsStepWithTheFixAndSaysWhatWasLeft() {
        aws.autoScaling.failOn(
                "putLifecycleHook",
                FakeAws.autoScalingError(
                        "ValidationError",
                        "Unable to publish test message to notification target " + QUEUE + " using IAM role "
                                + Requests.ROLE + ". Please check your target and role configuration and try again."));
        assertEquals(1, run(new Requests().hook()));
        String line = reporter.step("Lifecycle Hook").text();
        assertTrue(
                line.startsWith("Creating Lifecycle Hook: Failed (ValidationError: Unable to publish test message"),
                line);
        assertTrue(line.contains("Let autoscaling.amazonaws.com assume " + Requests.ROLE), line);
        assertTrue(line.contains("sqs:SendMessage on " + QUEUE), line);
        assertEquals(1, reporter.warnings().size());
        String warning = reporter.warnings().get(0);
        assertTrue(
                warning.startsWith("stopped at Lifecycle Hook; this run left in place: SNS Topic web-asg-events"
                        + " (created), Dead-Letter Queue web-asg-events-dlq (created), SQS Queue web-asg-events"
                        + " (created)"),
                warning);
        assertTrue(warning.contains("run the same command again"), warning);
        @SuppressWarnings("unchecked")
        List<String> left = (List<String>) reporter.results().get("leftInPlace");
        assertEquals(7, left.size(), left.toString());
    }

    @Test
    void anAwsErrorStopsTheRunAtItsStep() {
        aws.sns.failOn("subscribe", FakeAws.serviceError("AuthorizationError", "not authorized to sns:Subscribe"));
        assertEquals(1, run(new Requests()));
        List<String> lines = reporter.lines();
        assertEquals(
                "Creating SNS Subscription: Failed (AWS: AuthorizationError: not authorized to sns:Subscribe. Grant the"
                        + " missing permission: the least-privilege policies are in docs/iam/)",
                lines.get(lines.size() - 1));
        assertFalse(aws.mutations().contains("autoscaling:PutNotificationConfiguration"), "later steps did not run");
    }

    @Test
    void aFailureBeforeAnyChangeSaysNothingWasChanged() {
        aws.topic("web-asg-events");
        aws.sqs.failOn("createQueue", FakeAws.serviceError("AccessDenied", "denied"));
        assertEquals(1, run(new Requests()));
        assertEquals(List.of("stopped at Dead-Letter Queue; this run changed nothing"), reporter.warnings());
    }
}
