package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.AsgchefException;
import dev.asgchef.aws.Arn;
import dev.asgchef.testing.RecordingReporter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** wire-notifications --eventbridge (rules that target the queue) and --alarm-topic (an alarm on the DLQ). */
class WireEventBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = FakeAws.queueArn("web-asg-events");
    private static final String PAGER = FakeAws.topicArn("ops-pager");

    private final FakeAws aws = new FakeAws();
    private RecordingReporter reporter = new RecordingReporter();

    private int run(Requests request) {
        reporter = new RecordingReporter();
        return aws.wire(reporter, new MutableClock(Instant.parse("2025-03-01T12:00:00Z")))
                .run(request.build());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private JsonNode pattern(String rule) throws Exception {
        return json(aws.eventBridge.findRule(rule).orElseThrow().eventPattern());
    }

    @Test
    void firstRunAddsBothRulesAndTheAlarmAfterTheSnsPath() {
        assertEquals(0, run(new Requests().eventBridgeAndAlarm()));
        // The six lines of the SNS path come first, as WireNotificationsTest shows.
        assertEquals(9, reporter.lines().size(), reporter.lines().toString());
        assertEquals(
                List.of(
                        "Creating EventBridge Rule web-asg-terminate: Success",
                        "Creating EventBridge Rule web-ec2-terminate: Success",
                        "Creating Dead-Letter Alarm: Success"),
                reporter.lines().subList(6, 9));
    }

    @Test
    void theAutoScalingRuleMatchesThisGroupsTerminationsAndLifecycleActions() throws Exception {
        run(new Requests().eventBridgeAndAlarm());
        assertEquals(
                json("{\"source\":[\"aws.autoscaling\"],"
                        + "\"detail-type\":[\"EC2 Instance Terminate Successful\","
                        + "\"EC2 Instance-terminate Lifecycle Action\"],"
                        + "\"detail\":{\"AutoScalingGroupName\":[\"web\"]}}"),
                pattern("web-asg-terminate"));
        assertEquals(
                RuleState.ENABLED,
                aws.eventBridge.findRule("web-asg-terminate").orElseThrow().state());
    }

    @Test
    void theEc2RuleMatchesStateChangesToShuttingDownAndTerminated() throws Exception {
        run(new Requests().eventBridgeAndAlarm());
        assertEquals(
                json("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],"
                        + "\"detail\":{\"state\":[\"shutting-down\",\"terminated\"]}}"),
                pattern("web-ec2-terminate"));
    }

    @Test
    void eachRuleTargetsTheQueue() {
        run(new Requests().eventBridgeAndAlarm());
        for (String rule : List.of("web-asg-terminate", "web-ec2-terminate")) {
            assertEquals(
                    List.of(Target.builder()
                            .id(EventBridgeSteps.TARGET_ID)
                            .arn(QUEUE)
                            .build()),
                    aws.eventBridge.targets(rule),
                    rule);
        }
    }

    @Test
    void theQueuePolicyAdmitsEventBridgeForExactlyTheseRules() throws Exception {
        run(new Requests().eventBridgeAndAlarm());
        JsonNode statements =
                json(aws.sqs.attributes("web-asg-events").get("Policy")).path("Statement");
        JsonNode events = null;
        for (JsonNode statement : statements) {
            if (statement.path("Principal").path("Service").asText().equals("events.amazonaws.com")) {
                events = statement;
            }
        }
        assertEquals(
                json("{\"Sid\":\"asgchef-allow-eventbridge-web\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                        + "\"Resource\":\"" + QUEUE + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":["
                        + "\"" + aws.eventBridge.ruleArn("web-asg-terminate") + "\","
                        + "\"" + aws.eventBridge.ruleArn("web-ec2-terminate") + "\"]}}}"),
                events);
        assertEquals(3, statements.size(), "the topic's, the rules', and TLS only");
    }

    @Test
    void withoutEventBridgeTheQueuePolicyAdmitsNoRule() throws Exception {
        run(new Requests());
        assertTrue(aws.eventBridge.calls().isEmpty());
        assertTrue(aws.cloudWatch.calls().isEmpty());
        assertFalse(
                aws.sqs.attributes("web-asg-events").get("Policy").contains("events.amazonaws.com"),
                "no EventBridge statement");
    }

    @Test
    void secondRunFindsEverythingAndChangesNothing() {
        run(new Requests().eventBridgeAndAlarm());
        aws.forgetCalls();
        assertEquals(0, run(new Requests().eventBridgeAndAlarm()));
        assertEquals(
                List.of(
                        "Creating EventBridge Rule web-asg-terminate: Exists",
                        "Creating EventBridge Rule web-ec2-terminate: Exists",
                        "Creating Dead-Letter Alarm: Exists"),
                reporter.lines().subList(6, 9));
        assertEquals(List.of(), aws.mutations());
    }

    @Test
    void aDisabledRuleIsEnabledAgainAndItsTargetKept() {
        run(new Requests().eventBridgeAndAlarm());
        aws.eventBridge.putRule(b -> b.name("web-ec2-terminate")
                .eventPattern(aws.eventBridge
                        .findRule("web-ec2-terminate")
                        .orElseThrow()
                        .eventPattern())
                .state(RuleState.DISABLED));
        aws.forgetCalls();
        run(new Requests().eventBridgeAndAlarm());
        assertTrue(
                reporter.lines()
                        .contains("Creating EventBridge Rule web-ec2-terminate: Updated (state DISABLED ->"
                                + " ENABLED)"),
                reporter.lines().toString());
        assertEquals(List.of("events:PutRule"), aws.mutations());
    }

    @Test
    void targetsSomeoneElseAddedToARuleStay() {
        run(new Requests().eventBridgeAndAlarm());
        Target audit = Target.builder()
                .id("audit-log")
                .arn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/audit")
                .build();
        aws.eventBridge.putTargets(b -> b.rule("web-asg-terminate").targets(audit));
        run(new Requests().eventBridgeAndAlarm());
        assertEquals(2, aws.eventBridge.targets("web-asg-terminate").size());
        assertTrue(aws.eventBridge.targets("web-asg-terminate").contains(audit));
    }

    @Test
    void aTargetEventBridgeRefusesFailsTheStepWithItsReason() {
        aws.eventBridge.failOn("putTargets", FakeAws.serviceError("AccessDeniedException", "not authorized"));
        assertEquals(1, run(new Requests().eventBridgeAndAlarm()));
        assertTrue(
                reporter.lines().stream()
                        .anyMatch(l -> l.startsWith("Creating EventBridge Rule web-asg-terminate: Failed")),
                reporter.lines().toString());
        assertTrue(aws.cloudWatch.calls().isEmpty(), "the run stops at the failed step");
    }

    @Test
    void dryRunPlansTheRulesAndTheAlarmWithoutAMutatingCall() {
        Requests request = new Requests().eventBridgeAndAlarm();
        request.dryRun = true;
        assertEquals(0, run(request));
        assertTrue(
                reporter.lines().stream()
                        .anyMatch(l -> l.startsWith(
                                "Would create EventBridge Rule web-ec2-terminate: {\"source\":" + "[\"aws.ec2\"]")),
                reporter.lines().toString());
        assertTrue(
                reporter.lines()
                        .contains("Would create Dead-Letter Alarm: web-asg-events-dlq-not-empty"
                                + " (ApproximateNumberOfMessagesVisible of web-asg-events-dlq > 0 notifies " + PAGER
                                + ")"),
                reporter.lines().toString());
        assertTrue(
                reporter.lines().stream()
                        .anyMatch(l -> l.contains("and EventBridge rules web-asg-terminate,"
                                + " web-ec2-terminate to send to web-asg-events")),
                reporter.lines().toString());
        assertEquals(List.of(), aws.mutations());
    }

    @Test
    void theAlarmFiresOnAnyVisibleMessageInTheDeadLetterQueueAndNotifiesTheTopic() {
        run(new Requests().eventBridgeAndAlarm());
        MetricAlarm alarm =
                aws.cloudWatch.findAlarm("web-asg-events-dlq-not-empty").orElseThrow();
        assertEquals("AWS/SQS", alarm.namespace());
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.metricName());
        assertEquals(
                List.of(Dimension.builder()
                        .name("QueueName")
                        .value("web-asg-events-dlq")
                        .build()),
                alarm.dimensions());
        assertEquals(Statistic.MAXIMUM, alarm.statistic());
        assertEquals(ComparisonOperator.GREATER_THAN_THRESHOLD, alarm.comparisonOperator());
        assertEquals(0.0, alarm.threshold());
        assertEquals(List.of(PAGER), alarm.alarmActions());
    }

    @Test
    void anAlarmThatNotifiesOthersGainsTheTopicAndKeepsThem() {
        run(new Requests().eventBridgeAndAlarm());
        String other = FakeAws.topicArn("team-chat");
        Requests request = new Requests();
        request.alarmTopic = Arn.parse(other);
        run(request);
        assertEquals(
                List.of(PAGER, other),
                aws.cloudWatch
                        .findAlarm("web-asg-events-dlq-not-empty")
                        .orElseThrow()
                        .alarmActions());
    }

    @Test
    void anAlarmTopicInAnotherRegionIsRefusedBeforeAnythingChanges() {
        Requests request = new Requests();
        request.alarmTopic = Arn.parse("arn:aws:sns:eu-west-1:123456789012:ops-pager");
        AsgchefException e = assertThrows(AsgchefException.class, () -> run(request));
        assertTrue(
                e.getMessage().contains("a CloudWatch alarm notifies only a topic of its own region"), e.getMessage());
        assertEquals(List.of(), aws.mutations());
    }

    @Test
    void aGroupWhoseNameCannotNameARuleIsRefused() {
        Requests request = new Requests();
        request.group = "web+blue";
        request.eventBridge = true;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, request::build);
        assertTrue(e.getMessage().contains("cannot name EventBridge rules after group"), e.getMessage());
    }
}
