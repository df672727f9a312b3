package dev.asgchef.notify;

import dev.asgchef.aws.RedrivePolicy;
import dev.asgchef.aws.VisibilityTimeout;

/**
 * How wire-notifications sets up the queue for drain-queue.
 *
 * @param visibilityTimeoutSeconds how long a received message stays hidden; {@link VisibilityTimeout} says how short
 *     it may be, and why
 * @param retentionDays how long an unread message is kept; the dead-letter queue keeps its messages longer (14 days),
 *     because a message moved there keeps its original enqueue time
 * @param maxReceiveCount receives before a message that keeps failing moves to the dead-letter queue
 */
public record QueueSettings(int visibilityTimeoutSeconds, int retentionDays, int maxReceiveCount) {
    public static final int DEFAULT_VISIBILITY_TIMEOUT = 300;
    public static final int DEFAULT_RETENTION_DAYS = 7;
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 10;
    /** SQS's longest retention, so the dead-letter queue always outlives the queue. */
    public static final int DEAD_LETTER_RETENTION_DAYS = 14;
    /** SQS's longest long poll. */
    public static final int RECEIVE_WAIT_SECONDS = 20;

    public QueueSettings {
        if (!VisibilityTimeout.fits(visibilityTimeoutSeconds)) {
            throw new IllegalArgumentException("--visibility-timeout " + visibilityTimeoutSeconds
                    + " does not fit one cleanup: use " + VisibilityTimeout.MIN_SECONDS + " to "
                    + VisibilityTimeout.MAX_SECONDS + " seconds (" + VisibilityTimeout.WHY + ")");
        }
        if (retentionDays < 1 || retentionDays >= DEAD_LETTER_RETENTION_DAYS) {
            throw new IllegalArgumentException("--retention-days " + retentionDays + " must be 1 to "
                    + (DEAD_LETTER_RETENTION_DAYS - 1) + ", so the dead-letter queue (14 days) keeps messages longer");
        }
        if (maxReceiveCount < RedrivePolicy.MIN_RECEIVE_COUNT || maxReceiveCount > RedrivePolicy.MAX_RECEIVE_COUNT) {
            throw new IllegalArgumentException("--max-receive-count " + maxReceiveCount + " is outside what SQS allows:"
                    + " use " + RedrivePolicy.MIN_RECEIVE_COUNT + " to " + RedrivePolicy.MAX_RECEIVE_COUNT);
        }
    }

    public static QueueSettings defaults() {
        return new QueueSettings(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_RETENTION_DAYS, DEFAULT_MAX_RECEIVE_COUNT);
    }
}
