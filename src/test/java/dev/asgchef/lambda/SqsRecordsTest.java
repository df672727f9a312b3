package dev.asgchef.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asgchef.drain.Handling;
import dev.asgchef.drain.MessageDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsRecordsTest {
    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static SQSEvent.SQSMessage record(String id, String body, Map<String, String> attributes) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        message.setAttributes(attributes);
        message.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:web-asg-events");
        return message;
    }

    private static List<String> failures(SQSBatchResponse response) {
        List<String> ids = new ArrayList<>();
        response.getBatchItemFailures().forEach(f -> ids.add(f.getItemIdentifier()));
        return ids;
    }

    private static MessageDecision decision(String id, MessageDecision.Verdict verdict, Handling handling) {
        return new MessageDecision(id, verdict, handling, Duration.ZERO, "");
    }

    @Test
    void eachRecordBecomesAMessageWithItsIdBodyAndReceiveCountOneWhenUnsaid() {
        List<SqsRecords.Received> received = SqsRecords.received(
                event(record("a", "{}", Map.of("ApproximateReceiveCount", "3")), record("b", "x", Map.of())));
        assertEquals(List.of(new SqsRecords.Received("a", "{}", 3), new SqsRecords.Received("b", "x", 1)), received);
    }

    @Test
    void aRecordWithoutABodyIsAnEmptyMessageSoItIsMalformedAsInDrainQueue() {
        assertEquals(
                "", SqsRecords.received(event(record("a", null, null))).get(0).body());
    }

    @Test
    void theQueueIsNamedByTheRecordsEventSourceArn() {
        assertEquals(
                "web-asg-events",
                SqsRecords.queue(event(record("a", "{}", Map.of()))).name());
    }

    @Test
    void exactlyTheMessagesNotDoneAreBatchItemFailures() {
        List<SqsRecords.Received> batch = SqsRecords.received(event(
                record("cleaned", "{}", Map.of()),
                record("running", "{}", Map.of()),
                record("malformed", "{}", Map.of()),
                record("test", "{}", Map.of()),
                record("not-started", "{}", Map.of())));
        Map<String, MessageDecision> handled = Map.of(
                "cleaned", decision("cleaned", MessageDecision.Verdict.CLEANED, Handling.CLEANED),
                "running", decision("running", MessageDecision.Verdict.RETRY, Handling.STILL_RUNNING),
                "malformed", decision("malformed", MessageDecision.Verdict.POISON, Handling.MALFORMED),
                "test", decision("test", MessageDecision.Verdict.HANDLED, Handling.TEST_NOTIFICATION),
                "not-started", decision("not-started", MessageDecision.Verdict.LEFT, Handling.NOT_STARTED));
        assertEquals(List.of("running", "malformed", "not-started"), failures(SqsRecords.response(batch, handled)));
    }

    @Test
    void aMessageTheDecisionsDidNotReachIsABatchItemFailure() {
        List<SqsRecords.Received> batch =
                SqsRecords.received(event(record("a", "{}", Map.of()), record("b", "{}", Map.of())));
        assertEquals(
                List.of("b"),
                failures(SqsRecords.response(
                        batch, Map.of("a", decision("a", MessageDecision.Verdict.CLEANED, Handling.CLEANED)))));
    }

    @Test
    void anAllDoneBatchAnswersAnEmptyList() {
        List<SqsRecords.Received> batch = SqsRecords.received(event(record("a", "{}", Map.of())));
        assertEquals(
                List.of(),
                failures(SqsRecords.response(
                        batch, Map.of("a", decision("a", MessageDecision.Verdict.CLEANED, Handling.ALREADY_ABSENT)))));
    }
}
