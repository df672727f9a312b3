package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.events.Events;
import dev.asgchef.events.TestNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Waits for the test notification Auto Scaling sends through the topic into the queue, with long polls bounded by a
 * deadline. Other messages (real terminations waiting for drain-queue) are hidden while it looks, so that each is
 * received at most once, and made visible again at the end; only test notifications of this group are deleted.
 */
final class PathVerifier {
    /**
     * AWS refuses requests whose clock is more than 5 minutes off, so a test notification stamped earlier than that
     * before this run's put is a leftover of an earlier run.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int MAX_WAIT_SECONDS = 20;

    private final SqsClient sqs;
    private final Clock clock;

    PathVerifier(SqsClient sqs, Clock clock) {
        this.sqs = sqs;
        this.clock = clock;
    }

    /** How the wait ended: when the notification arrived (empty on timeout), and what else was seen. */
    record Wait(Optional<Duration> arrivedAfter, int leftovers, int others) {}

    Wait await(String queueUrl, String group, Arn topic, Instant putAt, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        List<Message> hidden = new ArrayList<>();
        int leftovers = 0;
        try {
            while (true) {
                long left = Duration.between(clock.instant(), deadline).toSeconds();
                if (left <= 0) {
                    return new Wait(Optional.empty(), leftovers, hidden.size());
                }
                int wait = (int) Math.min(MAX_WAIT_SECONDS, left);
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(wait)
                                .visibilityTimeout((int) Math.min(43_200, left + 5)))
                        .messages();
                for (Message message : messages) {
                    Optional<Instant> sent = sentAt(message.body(), group, topic);
                    if (sent.isEmpty()) {
                        hidden.add(message);
                        continue;
                    }
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    if (!sent.get().isBefore(putAt.minus(CLOCK_SKEW))) {
                        Duration after = Duration.between(putAt, clock.instant());
                        return new Wait(
                                Optional.of(after.isNegative() ? Duration.ZERO : after), leftovers, hidden.size());
                    }
                    leftovers++;
                }
            }
        } finally {
            release(queueUrl, hidden);
        }
    }

    /**
     * When Auto Scaling sent the test notification in {@code body} for {@code group}; empty when the body is anything
     * else (including a test notification of another group, or one that came through another topic). It is read by
     * the same {@link Events#parse} drain-queue uses; a test notification without a readable time counts as sent at
     * the epoch, i.e. long ago.
     */
    static Optional<Instant> sentAt(String body, String group, Arn topic) {
        if (Events.parse(body) instanceof TestNotification test
                && test.groupName().equals(group)
                && (test.topicArn().isEmpty() || test.topicArn().equals(topic.toString()))) {
            return Optional.of(test.time().orElse(Instant.EPOCH));
        }
        return Optional.empty();
    }

    /** Makes the messages this wait hid visible again at once, for drain-queue. */
    private void release(String queueUrl, List<Message> hidden) {
        for (int from = 0; from < hidden.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<Message> batch = hidden.subList(from, Math.min(hidden.size(), from + 10));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                // They become visible on their own when the (short) visibility timeout set above runs out.
            }
        }
    }
}
