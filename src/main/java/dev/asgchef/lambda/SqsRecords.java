package dev.asgchef.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.drain.MessageDecision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lambda's SQS event to drain-queue's messages, and their verdicts back to a partial batch response. */
final class SqsRecords {
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    /** One record as drain-queue's decider takes it. */
    record Received(String messageId, String body, int receiveCount) {}

    private SqsRecords() {}

    static List<Received> received(SQSEvent event) {
        return records(event).stream()
                .map(r -> new Received(
                        r.getMessageId(), r.getBody() == null ? "" : r.getBody(), receiveCount(r.getAttributes())))
                .toList();
    }

    /** The queue the batch came from (an event source mapping reads one), for report lines. */
    static QueueRef queue(SQSEvent event) {
        return records(event).stream()
                .map(SQSEvent.SQSMessage::getEventSourceArn)
                .filter(arn -> arn != null && !arn.isBlank())
                .findFirst()
                .flatMap(SqsRecords::parse)
                .orElse(QueueRef.named("event-source-mapping"));
    }

    /** Done: the queue may delete it (cleaned, or nothing to clean). */
    static boolean done(MessageDecision decision) {
        return decision.verdict() == MessageDecision.Verdict.CLEANED
                || decision.verdict() == MessageDecision.Verdict.HANDLED;
    }

    /**
     * Every message not done, so SQS deletes exactly the done ones: RETRY and LEFT come back after the visibility
     * timeout, POISON reaches the dead-letter queue through the queue's redrive policy, and a message the decider did
     * not reach comes back too.
     */
    static SQSBatchResponse response(List<Received> batch, Map<String, MessageDecision> decided) {
        List<SQSBatchResponse.BatchItemFailure> failures = batch.stream()
                .map(Received::messageId)
                .filter(id -> decided.get(id) == null || !done(decided.get(id)))
                .distinct()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        return new SQSBatchResponse(failures);
    }

    private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static Optional<QueueRef> parse(String arn) {
        try {
            return Optional.of(QueueRef.parse(arn));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** SQS's ApproximateReceiveCount; 1 when the event does not say (the decider counts this receive). */
    private static int receiveCount(Map<String, String> attributes) {
        String count = attributes == null ? null : attributes.get(RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
