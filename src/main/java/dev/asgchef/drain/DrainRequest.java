package dev.asgchef.drain;

import dev.asgchef.aws.QueueRef;
import dev.asgchef.aws.RedrivePolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One drain-queue run as the operator asked for it.
 *
 * @param workers cleanups run in parallel
 * @param verifyTerminated ask EC2 (and Auto Scaling) that an instance is on its way out before deleting its node
 * @param maxDeletions delete at most this many Chef nodes (a node already gone does not count), then stop and
 *     leave the rest of the queue untouched
 * @param maxMessages receive at most this many messages
 * @param maxDuration stop receiving after this long
 * @param follow keep polling when the queue is empty, until stopped
 * @param deleteMalformed delete malformed messages instead of leaving them for the dead-letter queue
 * @param dryRun report what would be done, change nothing, return every message to the queue
 * @param waitSeconds long-poll wait of each receive, 1 to 20
 * @param retryDelay how long a message left for retry stays hidden after its first receive
 * @param maxRetryDelay the longest it stays hidden, however often it was received (at most SQS's 12 hours)
 */
public record DrainRequest(
        QueueRef queue,
        int workers,
        boolean verifyTerminated,
        OptionalInt maxDeletions,
        OptionalLong maxMessages,
        Optional<Duration> maxDuration,
        boolean follow,
        boolean deleteMalformed,
        boolean dryRun,
        int waitSeconds,
        Duration retryDelay,
        Duration maxRetryDelay) {

    public static final int MAX_WORKERS = 64;

    public DrainRequest {
        Objects.requireNonNull(queue, "queue");
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1 to " + MAX_WORKERS);
        }
        if (waitSeconds < 1 || waitSeconds > 20) {
            throw new IllegalArgumentException("waitSeconds must be 1 to 20");
        }
        if (maxDeletions.isPresent() && maxDeletions.getAsInt() < 0) {
            throw new IllegalArgumentException("maxDeletions must not be negative");
        }
        if (maxMessages.isPresent() && maxMessages.getAsLong() < 1) {
            throw new IllegalArgumentException("maxMessages must be positive");
        }
        RetryBackoff.requireValid(retryDelay, maxRetryDelay);
        if (maxDuration.isPresent()
                && (maxDuration.get().isNegative() || maxDuration.get().isZero())) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
    }

    /** The operator's rules for each message's decision, with the queue's redrive policy. */
    DecisionSettings decisionSettings(Optional<RedrivePolicy> redrive) {
        return new DecisionSettings(verifyTerminated, deleteMalformed, dryRun, maxDeletions, redrive);
    }
}
