package dev.asgchef.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS side: the dead-letter queue, the queue drain-queue reads, and their access policies. */
final class QueueSteps {
    static final String QUEUE = "SQS Queue";
    static final String DEAD_LETTER_QUEUE = "Dead-Letter Queue";
    static final String POLICY = "Queue Policy";

    private final SqsClient sqs;
    private final Reporter reporter;

    QueueSteps(SqsClient sqs, Reporter reporter) {
        this.sqs = sqs;
        this.reporter = reporter;
    }

    /** Reads a queue's URL and every attribute; empty when SQS has no such queue. */
    Optional<QueueAttributes> lookup(QueueRef queue) {
        return QueueAttributes.find(sqs, queue);
    }

    Step ensureDeadLetterQueue(Wiring wiring) {
        Map<String, String> wanted = WantedAttributes.forDeadLetterQueue(wiring.encryption);
        Ensured ensured = ensure(
                DEAD_LETTER_QUEUE,
                wiring.request.deadLetterQueue().name(),
                wiring.deadLetterQueueFound,
                wanted,
                wiring);
        wiring.deadLetterQueueUrl = ensured.url();
        return ensured.step().with("arn", wiring.deadLetterQueueArn.toString());
    }

    Step ensureQueue(Wiring wiring) {
        Map<String, String> wanted =
                WantedAttributes.forQueue(wiring.request.queueSettings(), wiring.encryption, wiring.deadLetterQueueArn);
        Ensured ensured = ensure(QUEUE, wiring.request.queue().name(), wiring.queueFound, wanted, wiring);
        wiring.queueUrl = ensured.url();
        return ensured.step().with("arn", wiring.queueArn.toString());
    }

    private record Ensured(Step step, String url) {}

    private Ensured ensure(
            String subject, String name, Optional<QueueAttributes> found, Map<String, String> wanted, Wiring wiring) {
        if (found.isEmpty()) {
            if (wiring.dryRun()) {
                return new Ensured(Step.planned(Action.CREATE, subject, name + " (" + describe(wanted) + ")"), null);
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(wanted))
                    .queueUrl();
            wiring.changed(subject + " " + name + " (created)");
            return new Ensured(Step.of(Action.CREATE, subject, Outcome.SUCCESS).with("url", url), url);
        }
        String url = found.get().url();
        WantedAttributes.Comparison comparison =
                WantedAttributes.compare(found.get().values(), wanted);
        if (!comparison.unreported().isEmpty()) {
            reporter.warn("the SQS endpoint does not report " + String.join(", ", comparison.unreported()) + " of "
                    + name + " (an emulator?): left unchecked");
        }
        if (comparison.unchanged()) {
            return new Ensured(Step.of(Action.CREATE, subject, Outcome.EXISTS).with("url", url), url);
        }
        if (wiring.dryRun()) {
            return new Ensured(
                    Step.planned(Action.UPDATE, subject, name + ": " + comparison.describe())
                            .with("url", url),
                    url);
        }
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(comparison.toSet()));
        wiring.changed(subject + " " + name + " (updated: " + comparison.describe() + ")");
        return new Ensured(
                new Step(Action.CREATE, subject, Outcome.UPDATED, comparison.describe(), Map.of("url", url)), url);
    }

    /**
     * The queue's policy lets exactly this topic send and refuses anything not over TLS; the dead-letter queue's
     * refuses anything not over TLS. Both are merged into what each queue's policy already says.
     */
    Step ensurePolicies(Wiring wiring) {
        List<Merged> merges = new ArrayList<>();
        try {
            merges.add(merge(
                    wiring.request.queue().name(),
                    wiring.queueUrl,
                    wiring.queueFound,
                    List.of(
                            QueuePolicy.allowTopic(wiring.queueArn, wiring.topicArn),
                            QueuePolicy.denyInsecureTransport(wiring.queueArn))));
            merges.add(merge(
                    wiring.request.deadLetterQueue().name(),
                    wiring.deadLetterQueueUrl,
                    wiring.deadLetterQueueFound,
                    List.of(QueuePolicy.denyInsecureTransport(wiring.deadLetterQueueArn))));
        } catch (IllegalArgumentException e) {
            return Step.failed(Action.CREATE, POLICY, e.getMessage());
        }
        List<Merged> changing = merges.stream()
                .filter(m -> m.merge().change() != QueuePolicy.Change.UNCHANGED)
                .toList();
        Step step;
        if (changing.isEmpty()) {
            step = Step.of(Action.CREATE, POLICY, Outcome.EXISTS);
        } else {
            boolean updates = changing.stream().anyMatch(m -> m.merge().change() == QueuePolicy.Change.UPDATED);
            String what = "allow " + wiring.topicArn + " to send to "
                    + wiring.request.queue().name()
                    + "; deny requests without TLS"
                    + (updates ? "; merged into the existing statements" : "");
            if (wiring.dryRun()) {
                step = Step.planned(updates ? Action.UPDATE : Action.CREATE, POLICY, what);
            } else {
                for (Merged m : changing) {
                    sqs.setQueueAttributes(b -> b.queueUrl(m.url())
                            .attributesWithStrings(
                                    Map.of(QueueAttributes.POLICY, m.merge().json())));
                    wiring.changed(POLICY + " of " + m.queue() + " ("
                            + (m.merge().change() == QueuePolicy.Change.CREATED ? "created" : "merged") + ")");
                }
                step = updates
                        ? new Step(Action.CREATE, POLICY, Outcome.UPDATED, "merged into the existing statements", null)
                        : Step.of(Action.CREATE, POLICY, Outcome.SUCCESS);
            }
        }
        Map<String, Object> documents = new LinkedHashMap<>();
        merges.forEach(m -> documents.put(m.queue(), m.merge().document()));
        return step.with("policies", documents);
    }

    private record Merged(String queue, String url, QueuePolicy.Merge merge) {}

    private static Merged merge(String name, String url, Optional<QueueAttributes> found, List<ObjectNode> wanted) {
        try {
            return new Merged(
                    name, url, QueuePolicy.merge(found.flatMap(q -> q.value(QueueAttributes.POLICY)), wanted));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the policy of queue " + name + " is not valid JSON, so it cannot be"
                    + " merged: fix it, or clear it with aws sqs set-queue-attributes --queue-url " + url
                    + " --attributes Policy=''");
        }
    }

    private static String describe(Map<String, String> attributes) {
        List<String> parts = new ArrayList<>();
        attributes.forEach((k, v) -> parts.add(k + "=" + WantedAttributes.shortForm(k, v)));
        return String.join(", ", parts);
    }
}
