package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.report.Reporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;

/**
 * Applies each message's verdict to the queue. Handled messages are deleted in batches of ten; messages left for retry
 * are handed back with their backoff as their visibility; poison goes to the dead-letter queue, then is deleted;
 * messages not looked at are returned to the queue at once. A dry run changes nothing and returns every message at the
 * end. Each message is counted once its fate is known, so a failed delete is counted as such.
 */
final class DeleteOrReturn {
    private static final int BATCH = 10;

    /** A message and the visibility it is handed back with (ignored for a delete). */
    private record Entry(InFlight message, Handling handling, int visibilitySeconds) {}

    private final SqsClient sqs;
    private final String queueUrl;
    private final DeadLetters deadLetters;
    private final Reporter reporter;
    private final HandlingCounts counts;
    private final boolean dryRun;
    private final List<Entry> toDelete = new ArrayList<>();
    private final List<Entry> toHandBack = new ArrayList<>();
    private final List<Entry> held = new ArrayList<>();

    DeleteOrReturn(
            SqsClient sqs,
            String queueUrl,
            DeadLetters deadLetters,
            Reporter reporter,
            HandlingCounts counts,
            boolean dryRun) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetters = deadLetters;
        this.reporter = reporter;
        this.counts = counts;
        this.dryRun = dryRun;
    }

    void settle(InFlight message, MessageDecision decision) {
        Handling handling = decision.handling();
        if (dryRun) {
            // Kept hidden until the end, so the run does not receive it twice; then returned with the rest.
            counts.record(handling);
            synchronized (this) {
                held.add(new Entry(message, handling, 0));
            }
            return;
        }
        switch (decision.verdict()) {
            case CLEANED, HANDLED -> queue(toDelete, new Entry(message, handling, 0));
            case LEFT -> queue(toHandBack, new Entry(message, handling, 0));
            case RETRY -> queue(toHandBack, new Entry(message, handling, visibility(message, decision)));
            case POISON -> poison(message, decision);
        }
    }

    /**
     * Hands a message back hidden for {@code seconds}, without counting it: a message this run already failed with.
     */
    void handBackUncounted(InFlight message, int seconds) {
        queue(toHandBack, new Entry(message, null, Math.min(seconds, message.longestVisibilitySeconds())));
    }

    private static int visibility(InFlight message, MessageDecision decision) {
        return (int) Math.min(decision.retryAfter().toSeconds(), message.longestVisibilitySeconds());
    }

    private void queue(List<Entry> list, Entry entry) {
        boolean full;
        synchronized (this) {
            list.add(entry);
            full = list.size() >= BATCH;
        }
        if (full) {
            flush();
        }
    }

    private void poison(InFlight message, MessageDecision decision) {
        if (!deadLetters.exist()) {
            reporter.warn("Message " + message.id() + " can never be handled and the queue has no dead-letter queue:"
                    + " hidden for 12 hours. Give the queue a redrive policy, or drop such messages with"
                    + " --delete-malformed");
            queue(toHandBack, new Entry(message, Handling.MALFORMED, message.longestVisibilitySeconds()));
            return;
        }
        try {
            deadLetters.send(message.poisonBody(), decision.reason());
        } catch (SdkException e) {
            message.stopKeepAlive();
            reporter.warn("Could not send message " + message.id() + " to the dead-letter queue " + deadLetters.name()
                    + " (" + AwsFailure.reason(e) + "): it stays in the queue");
            counts.record(Handling.MALFORMED);
            return;
        }
        reporter.warn("Message " + message.id() + " sent to the dead-letter queue " + deadLetters.name());
        queue(toDelete, new Entry(message, Handling.POISONED, 0));
    }

    /** Sends what is pending; called when a batch is full, every second, and at the end. */
    void flush() {
        List<Entry> deletes;
        List<Entry> handBacks;
        synchronized (this) {
            deletes = List.copyOf(toDelete);
            handBacks = List.copyOf(toHandBack);
            toDelete.clear();
            toHandBack.clear();
        }
        inBatches(deletes, this::delete);
        inBatches(handBacks, this::handBack);
    }

    /** A dry run's end: every message it held goes back to the queue at once. */
    void returnHeld() {
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(held);
            held.clear();
        }
        inBatches(all, this::handBack);
    }

    private static void inBatches(List<Entry> all, Consumer<List<Entry>> action) {
        for (int i = 0; i < all.size(); i += BATCH) {
            action.accept(all.subList(i, Math.min(i + BATCH, all.size())));
        }
    }

    private static String firstFailure(List<BatchResultErrorEntry> failed) {
        return failed.stream().map(BatchResultErrorEntry::message).findFirst().orElse(null);
    }

    private void delete(List<Entry> batch) {
        batch.forEach(e -> e.message().stopKeepAlive());
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).message().receiptHandle())
                    .build());
        }
        Set<String> deleted = new HashSet<>();
        String problem = null;
        try {
            DeleteMessageBatchResponse response =
                    sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            response.successful().stream()
                    .map(DeleteMessageBatchResultEntry::id)
                    .forEach(deleted::add);
            problem = firstFailure(response.failed());
        } catch (SdkException e) {
            problem = AwsFailure.reason(e);
        }
        for (int i = 0; i < batch.size(); i++) {
            counts.record(deleted.contains(Integer.toString(i)) ? batch.get(i).handling() : Handling.NOT_DELETED);
        }
        int failed = batch.size() - deleted.size();
        if (failed > 0) {
            reporter.warn("Could not delete " + failed + " handled message" + (failed == 1 ? "" : "s") + " ("
                    + (problem == null ? "no answer" : problem) + "): they come back after the visibility timeout,"
                    + " and their cleanup will find nothing left to do");
        }
    }

    private void handBack(List<Entry> batch) {
        batch.forEach(e -> e.message().stopKeepAlive());
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).message().receiptHandle())
                    .visibilityTimeout(batch.get(i).visibilitySeconds())
                    .build());
        }
        String problem = null;
        try {
            var response =
                    sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
            problem = firstFailure(response.failed());
        } catch (SdkException e) {
            problem = AwsFailure.reason(e);
        }
        if (!dryRun) {
            batch.stream().filter(e -> e.handling() != null).forEach(e -> counts.record(e.handling()));
        }
        if (problem != null) {
            reporter.warn("Could not hand messages back to the queue (" + problem
                    + "): they come back after the visibility timeout");
        }
    }
}
