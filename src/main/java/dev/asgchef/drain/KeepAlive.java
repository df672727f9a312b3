package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.events.TerminatingLifecycleAction;
import dev.asgchef.report.Reporter;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Keeps a message hidden from other consumers while it is in work (a slow cleanup, a delete waiting for its batch),
 * by extending its visibility before it runs out; and keeps a terminating lifecycle action waiting while its cleanup
 * runs, with heartbeats. Stopped when the message is settled.
 */
final class KeepAlive {
    private final SqsClient sqs;
    private final QueueAttributes queue;
    private final int visibilitySeconds;
    private final LifecycleActions lifecycle;
    private final Reporter reporter;
    private final ScheduledExecutorService timer;
    private final long periodMillis;

    /**
     * @param lifecycle null in a dry run, which records no heartbeat: it changes nothing in Auto Scaling
     * @param every the longest period between two extensions or heartbeats; shorter if half the queue's visibility
     *     timeout is shorter. A terminating hook's heartbeat timeout is at least 30 s.
     */
    KeepAlive(
            SqsClient sqs,
            QueueAttributes queue,
            LifecycleActions lifecycle,
            Reporter reporter,
            ScheduledExecutorService timer,
            Duration every) {
        this.sqs = sqs;
        this.queue = queue;
        this.lifecycle = lifecycle;
        this.reporter = reporter;
        this.timer = timer;
        this.visibilitySeconds = queue.visibilityTimeoutSeconds();
        this.periodMillis = Math.max(1, Math.min(every.toMillis(), visibilitySeconds * 500L));
    }

    void start(InFlight message) {
        message.keepAlive(
                timer.scheduleAtFixedRate(() -> tick(message), periodMillis, periodMillis, TimeUnit.MILLISECONDS));
    }

    private void tick(InFlight message) {
        try {
            if (visibilitySeconds > 0) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queue.url())
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout(visibilitySeconds));
            }
        } catch (SdkException e) {
            reporter.detail("Could not extend the visibility of message " + message.id() + ": " + AwsFailure.reason(e));
        }
        if (lifecycle != null
                && message.event() instanceof TerminatingLifecycleAction action
                && message.cleaning()
                && !message.lifecycleEnded()) {
            heartbeat(message, action);
        }
    }

    private void heartbeat(InFlight message, TerminatingLifecycleAction action) {
        try {
            if (lifecycle.heartbeat(action) == LifecycleActions.Answer.ALREADY_ENDED) {
                message.lifecycleEnded(true);
                reporter.detail("The " + action.describe() + " has already ended");
            } else {
                reporter.detail("Recorded a heartbeat for the " + action.describe());
            }
        } catch (SdkException e) {
            reporter.detail("Could not record a heartbeat for the " + action.describe() + ": " + AwsFailure.reason(e));
        }
    }
}
