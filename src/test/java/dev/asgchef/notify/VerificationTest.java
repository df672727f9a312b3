package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.aws.Arn;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.RecordingReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --verify: the test notification Auto Scaling sends through the topic proves the path. */
class VerificationTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String TOPIC = FakeAws.topicArn("web-asg-events");
    private static final String QUEUE = "web-asg-events";

    private final FakeAws aws = new FakeAws();
    private final MutableClock clock = new MutableClock(NOW);
    private RecordingReporter reporter = new RecordingReporter();

    VerificationTest() {
        // A long poll that finds nothing takes its whole wait, as on SQS.
        aws.sqs.onEmptyReceive(r -> clock.advance(Duration.ofSeconds(r.waitTimeSeconds())));
    }

    private int run(Requests request) {
        reporter = new RecordingReporter();
        return aws.wire(reporter, clock).run(request.build());
    }

    private void autoScalingSendsItsTestNotification(boolean raw) {
        aws.autoScaling.afterNotificationPut(put -> {
            String body = Messages.testNotification(FakeAws.GROUP, clock.instant());
            aws.sqs.send(QUEUE, raw ? body : Messages.envelope(put.topicARN(), body));
        });
    }

    @Test
    void theTestNotificationArrivesAndIsDeleted() {
        autoScalingSendsItsTestNotification(false);
        assertEquals(0, run(new Requests().verify(60)));
        assertEquals(
                "Verifying Notification Path: Success (test notification arrived after 0.0 s)",
                reporter.step("Notification Path").text());
        assertTrue(aws.sqs.visible(QUEUE).isEmpty());
        assertTrue(aws.sqs.inFlight().isEmpty(), "the test notification was deleted");
    }

    @Test
    void rawDeliveryIsVerifiedToo() {
        autoScalingSendsItsTestNotification(true);
        Requests request = new Requests().verify(60);
        request.rawDelivery = true;
        assertEquals(0, run(request));
        assertEquals(
                List.of("sqs:DeleteMessage"),
                aws.mutations().stream().filter(m -> m.startsWith("sqs:Delete")).toList());
    }

    @Test
    void anUnchangedConfigurationIsPutAgainSoThatAWSSendsAFreshTestNotification() {
        autoScalingSendsItsTestNotification(false);
        run(new Requests());
        aws.sqs.visible(QUEUE).clear();
        aws.forgetCalls();

        assertEquals(0, run(new Requests().verify(60)));
        assertEquals(
                "Creating SNS Notification: Exists",
                reporter.step("SNS Notification").text());
        assertEquals(List.of("autoscaling:PutNotificationConfiguration", "sqs:DeleteMessage"), aws.mutations());
        assertEquals(Outcome.SUCCESS, reporter.step("Notification Path").outcome());
    }

    @Test
    void waitingEndsAtTheDeadlineWithTheReasonAndTheFix() {
        assertEquals(1, run(new Requests().verify(45).hook()));
        String line = reporter.step("Notification Path").text();
        assertTrue(
                line.startsWith("Verifying Notification Path: Failed (no test notification reached web-asg-events"
                        + " within 45 s: check the queue policy admits " + TOPIC),
                line);
        assertEquals(NOW.plusSeconds(45), clock.instant(), "long polls of 20, 20 and 5 seconds, then the deadline");
        assertEquals(
                "Creating Lifecycle Hook: Success",
                reporter.lines().get(reporter.lines().size() - 1),
                "the wiring itself is complete: a failed verification stops nothing");
    }

    @Test
    void realMessagesWaitingInTheQueueAreLeftForDrainQueue() {
        aws.queue(QUEUE, Map.of());
        String termination = Messages.resource("sns-envelope-asg-terminate.json");
        aws.sqs.send(QUEUE, termination);
        aws.sqs.send(QUEUE, Messages.envelope(TOPIC, Messages.testNotification("another-group", NOW)));
        autoScalingSendsItsTestNotification(false);
        assertEquals(0, run(new Requests().verify(60)));
        assertEquals(2, aws.sqs.visible(QUEUE).size(), "both are visible again at once");
        assertEquals(termination, aws.sqs.visible(QUEUE).peek().body());
        assertEquals(2, reporter.step("Notification Path").data().get("othersSeen"));
    }

    @Test
    void aTestNotificationLeftFromAnEarlierRunDoesNotCount() {
        aws.queue(QUEUE, Map.of());
        aws.sqs.send(QUEUE, Messages.envelope(TOPIC, Messages.testNotification(FakeAws.GROUP, NOW.minusSeconds(3600))));
        assertEquals(1, run(new Requests().verify(20)));
        assertTrue(
                reporter.step("Notification Path").text().contains("(1 older ones were deleted)"),
                reporter.step("Notification Path").text());
        assertTrue(aws.sqs.visible(QUEUE).isEmpty());
    }

    @Test
    void testNotificationsAreRecognisedOnlyForThisGroupAndTopic() {
        var topic = Arn.parse(TOPIC).orElseThrow();
        String raw = Messages.resource("asg-test-notification.json");
        assertEquals(
                Instant.parse("2025-03-01T09:59:58.940Z"),
                PathVerifier.sentAt(raw, "web-asg", topic).orElseThrow());
        assertTrue(PathVerifier.sentAt(Messages.envelope(TOPIC, raw), "web-asg", topic)
                .isPresent());
        assertTrue(PathVerifier.sentAt(raw, "web", topic).isEmpty(), "another group");
        assertTrue(
                PathVerifier.sentAt(Messages.envelope(FakeAws.topicArn("other"), raw), "web-asg", topic)
                        .isEmpty(),
                "another topic");
        assertTrue(
                PathVerifier.sentAt(Messages.resource("sns-envelope-asg-terminate.json"), "web-asg", topic)
                        .isEmpty(),
                "a termination");
        assertTrue(PathVerifier.sentAt("not json", "web-asg", topic).isEmpty());
        assertTrue(PathVerifier.sentAt(
                        "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":\"not json\"}",
                        "web-asg",
                        topic)
                .isEmpty());
    }

    @Test
    void theHookTestMessageSentStraightToTheQueueIsRecognisedOnlyWhenBare() {
        var topic = Arn.parse(TOPIC).orElseThrow();
        String hookTest = Messages.resource("lifecycle-test-notification-sqs-direct.json");
        assertTrue(
                PathVerifier.sentAt(hookTest, "web-asg", topic).isPresent(),
                "indistinguishable from raw delivery: why the path is verified before the hook is put");
    }
}
