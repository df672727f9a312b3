package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.testing.RecordingReporter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad input found by looking at AWS: refused with the reason and the fix, before anything changes. */
class WireNotificationsRefusalTest {
    private final FakeAws aws = new FakeAws();
    private final RecordingReporter reporter = new RecordingReporter();

    private String refusal(Requests request) {
        WireNotifications wiring = aws.wire(reporter, Clock.systemUTC());
        AsgchefException e = assertThrows(AsgchefException.class, () -> wiring.run(request.build()));
        assertEquals(List.of(), aws.mutations(), "nothing may change before a refusal");
        assertEquals(List.of(), reporter.steps());
        assertTrue(e.getMessage().endsWith("(nothing was changed)"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aGroupThatDoesNotExistIsRefused() {
        Requests request = new Requests();
        request.group = "nope";
        assertEquals(
                "Auto Scaling group 'nope' does not exist in us-east-1: check the name, and --region or --profile if"
                        + " the group lives elsewhere (nothing was changed)",
                refusal(request));
    }

    @Test
    void aTopicArnInAnotherRegionIsRefused() {
        Requests request = new Requests();
        request.topic = TopicRef.parse("arn:aws:sns:eu-west-1:123456789012:web-asg-events");
        String message = refusal(request);
        assertTrue(
                message.startsWith("the topic arn:aws:sns:eu-west-1:123456789012:web-asg-events is in region"
                        + " eu-west-1, but group 'web' is in us-east-1"),
                message);
        assertTrue(message.contains("name a topic in us-east-1"), message);
    }

    @Test
    void aTopicArnOfAnotherAccountIsRefused() {
        Requests request = new Requests();
        request.topic = TopicRef.parse("arn:aws:sns:us-east-1:999999999999:web-asg-events");
        String message = refusal(request);
        assertTrue(
                message.contains("belongs to account 999999999999, but group 'web' is in account 123456789012"),
                message);
    }

    @Test
    void aQueueUrlOfAnotherAccountIsRefused() {
        Requests request = new Requests();
        request.queue = QueueRef.parse("https://sqs.us-east-1.amazonaws.com/999999999999/web-asg-events");
        assertTrue(refusal(request)
                .startsWith("the queue https://sqs.us-east-1.amazonaws.com/999999999999/"
                        + "web-asg-events belongs to account 999999999999"));
    }

    @Test
    void aDeadLetterQueueArnInAnotherRegionIsRefused() {
        Requests request = new Requests();
        request.deadLetterQueue = QueueRef.parse("arn:aws:sqs:us-west-2:123456789012:dlq");
        assertTrue(refusal(request).contains("is in region us-west-2, but group 'web' is in us-east-1"));
    }

    @Test
    void aHookRoleOfAnotherAccountIsRefused() {
        Requests request = new Requests();
        request.hook = Optional.of(new HookSpec(
                "chef-cleanup",
                HookSpec.parseRoleArn("arn:aws:iam::999999999999:role/asg-notify"),
                900,
                HookSpec.HookResult.CONTINUE));
        assertTrue(refusal(request).contains("is a role of account 999999999999"));
    }

    @Test
    void anExistingQueueThatIsFifoIsRefused() {
        aws.queue("web-asg-events", Map.of("FifoQueue", "true"));
        assertTrue(refusal(new Requests()).contains("is a FIFO queue"));
    }

    @Test
    void anAwsErrorWhileLookingIsReportedWithItsFix() {
        aws.sqs.failOn("getQueueUrl", FakeAws.serviceError("AccessDenied", "not authorized to sqs:GetQueueUrl"));
        assertEquals(
                "AWS: AccessDenied: not authorized to sqs:GetQueueUrl. Grant the missing permission: the"
                        + " least-privilege policies are in docs/iam/ (nothing was changed)",
                refusal(new Requests()));
    }
}
