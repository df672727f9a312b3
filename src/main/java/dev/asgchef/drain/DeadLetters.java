package dev.asgchef.drain;

import dev.asgchef.aws.Arn;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.RedrivePolicy;
import dev.asgchef.report.Reporter;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends a message that can never be handled to the source queue's dead-letter queue at once, with its original body
 * and attributes naming the reason and the source queue, instead of letting it use up its receives.
 */
final class DeadLetters {
    /** The message attribute naming why the message was sent here. */
    static final String REASON = "asgchef-reason";
    /** The message attribute naming the queue it came from. */
    static final String SOURCE_QUEUE = "asgchef-source-queue";

    // A message attribute counts towards SQS's 256 KiB; a reason is one line.
    private static final int REASON_LIMIT = 1000;

    private final SqsClient sqs;
    private final String sourceQueueArn;
    private final Optional<String> url;

    private DeadLetters(SqsClient sqs, String sourceQueueArn, Optional<String> url) {
        this.sqs = sqs;
        this.sourceQueueArn = sourceQueueArn;
        this.url = url;
    }

    /** Finds the dead-letter queue of {@code queue} from its redrive policy; none when it has none or cannot be found. */
    static DeadLetters of(SqsClient sqs, QueueAttributes queue, Reporter reporter) {
        String source = queue.values().getOrDefault(QueueAttributes.QUEUE_ARN, queue.url());
        Optional<RedrivePolicy> redrive = queue.redrivePolicy();
        if (redrive.isEmpty()) {
            return new DeadLetters(sqs, source, Optional.empty());
        }
        Optional<Arn> arn = Arn.parse(redrive.get().deadLetterTargetArn());
        try {
            String found = sqs.getQueueUrl(r -> {
                        r.queueName(redrive.get().deadLetterQueueName());
                        arn.ifPresent(a -> r.queueOwnerAWSAccountId(a.account()));
                    })
                    .queueUrl();
            return new DeadLetters(sqs, source, Optional.of(found));
        } catch (SdkException e) {
            reporter.warn("Cannot find the dead-letter queue " + redrive.get().deadLetterQueueName() + " ("
                    + AwsFailure.reason(e) + "): malformed messages are left where they are");
            return new DeadLetters(sqs, source, Optional.empty());
        }
    }

    boolean exist() {
        return url.isPresent();
    }

    String name() {
        return url.map(u -> u.substring(u.lastIndexOf('/') + 1)).orElse("");
    }

    /** Sends a copy; throws SdkException when SQS did not take it, so the original stays where it is. */
    void send(String body, String reason) {
        String line = reason.length() > REASON_LIMIT ? reason.substring(0, REASON_LIMIT) : reason;
        sqs.sendMessage(r -> r.queueUrl(url.orElseThrow())
                .messageBody(body)
                .messageAttributes(Map.of(REASON, text(line), SOURCE_QUEUE, text(sourceQueueArn))));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
