package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.report.Reporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;

/**
 * What happens to a message once its handling is decided. Handled messages are deleted in batches of ten; messages
 * left for retry are let go (their visibility timeout runs out and they come back, or move to the dead-letter queue);
 * messages not looked at are returned to the queue at once. A dry run deletes nothing and returns every message at
 * the end. Each message is counted once its fate is known, so a failed delete is counted as such.
 */
final class DeleteOrReturn {
    private static final int BATCH = 10;

    private record Entry(InFlight message, Handling handling) {}

    private final SqsClient sqs;
    private final String queueUrl;
    private final Reporter reporter;
    private final HandlingCounts counts;
    private final boolean dryRun;
    private final List<Entry> toDelete = new ArrayList<>();
    private final List<Entry> toReturn = new ArrayList<>();
    private final List<Entry> held = new ArrayList<>();

    DeleteOrReturn(SqsClient sqs, String queueUrl, Reporter reporter, HandlingCounts counts, boolean dryRun) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.reporter = reporter;
        this.counts = counts;
        this.dryRun = dryRun;
    }

    void settle(InFlight message, Handling handling) {
        Entry entry = new Entry(message, handling);
        if (dryRun) {
            // Kept hidden until the end, so the run does not receive it twice; then returned with the rest.
            counts.record(handling);
            synchronized (this) {
                held.add(entry);
            }
            return;
        }
        if (handling.fate() == Handling.Fate.DONE) {
            if (add(toDelete, entry)) {
                flush();
            }
        } else if (handling == Handling.OVER_LIMIT || handling == Handling.NOT_STARTED) {
            if (add(toReturn, entry)) {
                flush();
            }
        } else {
            message.stopKeepAlive();
            counts.record(handling);
        }
    }

    private synchronized boolean add(List<Entry> list, Entry entry) {
        list.add(entry);
        return list.size() >= BATCH;
    }

    /** Sends what is pending; called when a batch is full, every second, and at the end. */
    void flush() {
        List<Entry> deletes;
        List<Entry> returns;
        synchronized (this) {
            deletes = List.copyOf(toDelete);
            returns = List.copyOf(toReturn);
            toDelete.clear();
            toReturn.clear();
        }
        inBatches(deletes, this::delete);
        inBatches(returns, this::returnToQueue);
    }

    /** A dry run's end: every message it held goes back to the queue at once. */
    void returnHeld() {
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(held);
            held.clear();
        }
        inBatches(all, this::returnToQueue);
    }

    private static void inBatches(List<Entry> all, Consumer<List<Entry>> action) {
        for (int i = 0; i < all.size(); i += BATCH) {
            action.accept(all.subList(i, Math.min(i + BATCH, all.size())));
        }
    }

    /** One request entry per message, with the message's place in the batch as its id. */
    private static <T> List<T> entries(List<Entry> batch, BiFunction<String, String, T> entry) {
        List<T> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(entry.apply(Integer.toString(i), batch.get(i).message().receiptHandle()));
        }
        return entries;
    }

    private static String firstFailure(List<BatchResultErrorEntry> failed) {
        return failed.stream().map(BatchResultErrorEntry::message).findFirst().orElse(null);
    }

    private void delete(List<Entry> batch) {
        batch.forEach(e -> e.message().stopKeepAlive());
        List<DeleteMessageBatchRequestEntry> entries =
                entries(batch, (id, handle) -> DeleteMessageBatchRequestEntry.builder()
                        .id(id)
                        .receiptHandle(handle)
                        .build());
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

    private void returnToQueue(List<Entry> batch) {
        batch.forEach(e -> e.message().stopKeepAlive());
        List<ChangeMessageVisibilityBatchRequestEntry> entries =
                entries(batch, (id, handle) -> ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(id)
                        .receiptHandle(handle)
                        .visibilityTimeout(0)
                        .build());
        String problem = null;
        try {
            var response =
                    sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
            problem = firstFailure(response.failed());
        } catch (SdkException e) {
            problem = AwsFailure.reason(e);
        }
        if (!dryRun) {
            batch.forEach(e -> counts.record(e.handling()));
        }
        if (problem != null) {
            reporter.warn("Could not return messages to the queue at once (" + problem
                    + "): they come back after the visibility timeout");
        }
    }
}
