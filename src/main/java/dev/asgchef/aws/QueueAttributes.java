package dev.asgchef.aws;

import dev.asgchef.AsgchefException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A queue as SQS has it: its URL and its attributes, read once for drain-queue (which reads the queue it drains) and
 * wire-notifications (which compares them with the ones it sets).
 *
 * @param url the queue's URL, as given or as GetQueueUrl answered
 * @param values every attribute SQS reported, by name
 */
public record QueueAttributes(String url, Map<String, String> values) {
    public static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
    public static final String RECEIVE_WAIT = "ReceiveMessageWaitTimeSeconds";
    public static final String RETENTION = "MessageRetentionPeriod";
    public static final String REDRIVE_POLICY = "RedrivePolicy";
    public static final String SQS_MANAGED_SSE = "SqsManagedSseEnabled";
    public static final String KMS_KEY = "KmsMasterKeyId";
    public static final String POLICY = "Policy";
    public static final String QUEUE_ARN = "QueueArn";
    public static final String FIFO = "FifoQueue";

    /** What SQS uses when a queue does not say. */
    private static final int DEFAULT_VISIBILITY_SECONDS = 30;

    public QueueAttributes {
        values = Map.copyOf(values);
    }

    /**
     * Resolves the queue (its URL as given, else GetQueueUrl with the owner account the reference names) and reads
     * every attribute; empty when SQS has no such queue.
     */
    public static Optional<QueueAttributes> find(SqsClient sqs, QueueRef queue) {
        try {
            String url = queue.url().map(URI::toString).orElseGet(() -> sqs.getQueueUrl(r -> {
                        r.queueName(queue.name());
                        queue.account().ifPresent(r::queueOwnerAWSAccountId);
                    })
                    .queueUrl());
            Map<String, String> values = sqs.getQueueAttributes(
                            r -> r.queueUrl(url).attributeNamesWithStrings("All"))
                    .attributesAsStrings();
            return Optional.of(new QueueAttributes(url, values == null ? Map.of() : values));
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /**
     * The queue a run is about to read: the first calls of that run, so their failures name what to fix.
     *
     * @throws AsgchefException when the queue does not exist or cannot be read
     */
    public static QueueAttributes require(SqsClient sqs, QueueRef queue) {
        try {
            return find(sqs, queue)
                    .orElseThrow(() -> new AsgchefException("The queue '" + queue + "' does not exist here: check"
                            + " --queue, --region and --profile (wire-notifications creates the queue)"));
        } catch (SdkException e) {
            throw new AsgchefException("Cannot read the queue '" + queue + "': " + AwsFailure.describe(e));
        }
    }

    /** How long a received message stays hidden; SQS's default of 30 s when the queue does not say. */
    public int visibilityTimeoutSeconds() {
        try {
            return value(VISIBILITY_TIMEOUT).map(Integer::parseInt).orElse(DEFAULT_VISIBILITY_SECONDS);
        } catch (NumberFormatException e) {
            return DEFAULT_VISIBILITY_SECONDS;
        }
    }

    /** The queue's redrive policy; empty when it has no dead-letter queue. */
    public Optional<RedrivePolicy> redrivePolicy() {
        return value(REDRIVE_POLICY).flatMap(RedrivePolicy::parse);
    }

    /** The queue's own ARN, when SQS reported it. */
    public Optional<Arn> arn() {
        return value(QUEUE_ARN).flatMap(Arn::parse);
    }

    /** A FIFO queue, which asgchef refuses (see {@link QueueRef}). */
    public boolean fifo() {
        return value(FIFO).map(Boolean::parseBoolean).orElse(false);
    }

    /** An attribute's value; empty when unset or empty. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }
}
