package dev.asgchef.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.drain.BatchDecisions;
import dev.asgchef.drain.Handling;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Lambda's SQS event to drain-queue's messages, and their handlings back to a partial batch response. */
final class SqsRecords {
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private SqsRecords() {}

    static List<BatchDecisions.Received> received(SQSEvent event) {
        return records(event).stream()
                .map(r -> new BatchDecisions.Received(
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

    /**
     * Every message not done, so SQS deletes exactly the done ones: left and returned messages, and any message the
     * decisions did not reach.
     */
    static SQSBatchResponse response(List<BatchDecisions.Received> batch, Map<String, Handling> handled) {
        List<SQSBatchResponse.BatchItemFailure> failures = batch.stream()
                .map(BatchDecisions.Received::messageId)
                .filter(id -> {
                    Handling handling = handled.get(id);
                    return handling == null || handling.fate() != Handling.Fate.DONE;
                })
                .distinct()
                .map(id -> new SQSBatchResponse.BatchItemFailure(id))
                .toList();
        return new SQSBatchResponse(failures);
    }

    private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static java.util.Optional<QueueRef> parse(String arn) {
        try {
            return java.util.Optional.of(QueueRef.parse(arn));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static OptionalInt receiveCount(Map<String, String> attributes) {
        String count = attributes == null ? null : attributes.get(RECEIVE_COUNT);
        try {
            return count == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
