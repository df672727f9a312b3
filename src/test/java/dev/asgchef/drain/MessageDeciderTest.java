package dev.asgchef.drain;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.RecordingReporter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One message's decision through the public API a Lambda handler uses: no queue, no loop, no keep-alive. */
class MessageDeciderTest {
    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeAutoScaling autoScaling = new FakeAutoScaling();
    private final FakeCleaner cleaner = new FakeCleaner();

    private MessageDecider decider(boolean deleteMalformed) {
        return new MessageDecider(
                new DecisionSettings(true, deleteMalformed, false, OptionalInt.empty(), Optional.empty()),
                new TerminationCheck(ec2, autoScaling, ElasticMq.REGION),
                () -> autoScaling,
                cleaner,
                // No jitter: the random source always says 0.
                new RetryBackoff(RetryBackoff.DEFAULT_FIRST, RetryBackoff.DEFAULT_MAX, () -> 0L),
                new RecordingReporter(),
                new StopSignal());
    }

    @Test
    void aTerminationWhoseCleanupIsDoneIsCleaned() {
        MessageDecision decision = decider(false).decide("m1", AwsMessages.terminate(instanceId(1)), 1);
        assertEquals(MessageDecision.Verdict.CLEANED, decision.verdict());
        assertEquals(Handling.CLEANED, decision.handling());
        assertEquals(Duration.ZERO, decision.retryAfter());
        assertEquals(List.of(instanceId(1)), cleaner.targets);
    }

    @Test
    void aFailedCleanupIsARetryWithTheBackoffOfItsReceiveCount() {
        cleaner.otherwise(Verdict.FAILED);
        MessageDecision decision = decider(false).decide("m1", AwsMessages.terminate(instanceId(1)), 3);
        assertEquals(MessageDecision.Verdict.RETRY, decision.verdict());
        assertEquals(Handling.FAILED, decision.handling());
        assertEquals(Duration.ofSeconds(240), decision.retryAfter());
        assertTrue(decision.reason().startsWith("cleanup failed"), decision.reason());
    }

    @Test
    void aMalformedMessageIsPoisonWithItsReason() {
        MessageDecision decision = decider(false).decide("m1", "not json", 1);
        assertEquals(MessageDecision.Verdict.POISON, decision.verdict());
        assertTrue(decision.reason().contains("not JSON"), decision.reason());
        assertEquals(List.of(), cleaner.targets);
    }

    @Test
    void aMalformedMessageIsHandledWhenMalformedOnesAreDeleted() {
        MessageDecision decision = decider(true).decide("m1", "not json", 1);
        assertEquals(MessageDecision.Verdict.HANDLED, decision.verdict());
        assertEquals(Handling.MALFORMED_DELETED, decision.handling());
    }

    @Test
    void aTestNotificationIsHandled() {
        MessageDecision decision = decider(false).decide("m1", AwsMessages.testNotification(), 1);
        assertEquals(MessageDecision.Verdict.HANDLED, decision.verdict());
        assertEquals(Handling.TEST_NOTIFICATION, decision.handling());
    }

    @Test
    void aMessageAlreadyTriedIsARetryWithItsBackoffAndNoCleanup() {
        MessageDecision decision = decider(false).again("m1", 2);
        assertEquals(MessageDecision.Verdict.RETRY, decision.verdict());
        assertEquals(Duration.ofSeconds(120), decision.retryAfter());
        assertEquals(List.of(), cleaner.targets);
    }
}
