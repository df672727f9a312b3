package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.events.TerminatingLifecycleAction;
import dev.asgchef.report.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Keeps the messages in work hidden from other consumers (a slow cleanup, a delete waiting for its batch) by extending
 * their visibility before it runs out, ten at a time with ChangeMessageVisibilityBatch; and keeps terminating lifecycle
 * actions waiting while their cleanups run, with heartbeats. It runs on its own thread, so deletes, returns and
 * cleanups never wait for it, nor it for them; one beat extends every message, so no message waits for another's
 * call. A message leaves it when settled.
 */
final class KeepAlive implements AutoCloseable {
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final QueueAttributes queue;
    private final int visibilitySeconds;
    private final LifecycleActions lifecycle;
    private final Reporter reporter;
    private final ScheduledThreadPoolExecutor beat;
    private final Set<InFlight> inWork = ConcurrentHashMap.newKeySet();

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
            ThreadFactory threads,
            Duration every) {
        this.sqs = sqs;
        this.queue = queue;
        this.lifecycle = lifecycle;
        this.reporter = reporter;
        this.visibilitySeconds = queue.visibilityTimeoutSeconds();
        long periodMillis = Math.max(1, Math.min(every.toMillis(), visibilitySeconds * 500L));
        this.beat = new ScheduledThreadPoolExecutor(1, threads);
        beat.scheduleWithFixedDelay(this::beatQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void start(InFlight message) {
        inWork.add(message);
        message.keepAlive(() -> inWork.remove(message));
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }

    private void beatQuietly() {
        try {
            List<InFlight> all = new ArrayList<>(inWork);
            if (visibilitySeconds > 0) {
                for (int i = 0; i < all.size(); i += BATCH) {
                    extend(all.subList(i, Math.min(i + BATCH, all.size())));
                }
            }
            if (lifecycle != null) {
                all.forEach(this::heartbeatIfCleaning);
            }
        } catch (RuntimeException | Error e) {
            // A beat that throws would end every later beat: reported, and the next beat tries again.
            reporter.warn("Keeping messages in work hidden failed (" + e + "): trying again");
        }
    }

    private void extend(List<InFlight> batch) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).receiptHandle())
                    .visibilityTimeout(visibilitySeconds)
                    .build());
        }
        try {
            var response = sqs.changeMessageVisibilityBatch(
                    r -> r.queueUrl(queue.url()).entries(entries));
            for (BatchResultErrorEntry failed : response.failed()) {
                InFlight message = batch.get(Integer.parseInt(failed.id()));
                reporter.detail("Could not extend the visibility of message " + message.id() + ": " + failed.code()
                        + " (" + failed.message() + ")");
            }
        } catch (SdkException e) {
            reporter.detail(
                    "Could not extend the visibility of " + batch.size() + " messages: " + AwsFailure.reason(e));
        }
    }

    private void heartbeatIfCleaning(InFlight message) {
        if (message.event() instanceof TerminatingLifecycleAction action
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
