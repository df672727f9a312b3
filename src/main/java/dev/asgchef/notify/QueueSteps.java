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

    Step ensureDeadLetterQueue(NotificationPath path) {
        Map<String, String> wanted = WantedAttributes.forDeadLetterQueue(path.encryption);
        Ensured ensured = ensure(
                DEAD_LETTER_QUEUE, path.request.deadLetterQueue().name(), path.deadLetterQueueFound, wanted, path);
        path.deadLetterQueueUrl = ensured.url();
        return ensured.step().with("arn", path.deadLetterQueueArn.toString());
    }

    Step ensureQueue(NotificationPath path) {
        Map<String, String> wanted =
                WantedAttributes.forQueue(path.request.queueSettings(), path.encryption, path.deadLetterQueueArn);
        Ensured ensured = ensure(QUEUE, path.request.queue().name(), path.queueFound, wanted, path);
        path.queueUrl = ensured.url();
        return ensured.step().with("arn", path.queueArn.toString());
    }

    private record Ensured(Step step, String url) {}

    private Ensured ensure(
            String subject,
            String name,
            Optional<QueueAttributes> found,
            Map<String, String> wanted,
            NotificationPath path) {
        if (found.isEmpty()) {
            if (path.dryRun()) {
                return new Ensured(Step.planned(Action.CREATE, subject, name + " (" + describe(wanted) + ")"), null);
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(wanted))
                    .queueUrl();
            path.changed(subject + " " + name + " (created)");
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
        if (path.dryRun()) {
            return new Ensured(
                    Step.planned(Action.UPDATE, subject, name + ": " + comparison.describe())
                            .with("url", url),
                    url);
        }
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(comparison.toSet()));
        path.changed(subject + " " + name + " (updated: " + comparison.describe() + ")");
        return new Ensured(
                new Step(Action.CREATE, subject, Outcome.UPDATED, comparison.describe(), Map.of("url", url)), url);
    }

    /**
     * The queue's policy lets exactly this topic (and, with --eventbridge, the group's rules) send and refuses anything
     * not over TLS; the dead-letter queue's
     * refuses anything not over TLS. Both are merged into what each queue's policy already says.
     */
    Step ensurePolicies(NotificationPath path) {
        List<Merged> merges = new ArrayList<>();
        try {
            merges.add(merge(path.request.queue().name(), path.queueUrl, path.queueFound, queueStatements(path)));
            merges.add(merge(
                    path.request.deadLetterQueue().name(),
                    path.deadLetterQueueUrl,
                    path.deadLetterQueueFound,
                    List.of(QueuePolicy.denyInsecureTransport(path.deadLetterQueueArn))));
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
            String what = "allow " + path.topicArn
                    + path.rules
                            .map(r -> " and EventBridge rules "
                                    + String.join(
                                            ", ",
                                            r.rules().stream()
                                                    .map(EventRules.Rule::name)
                                                    .toList()))
                            .orElse("")
                    + " to send to "
                    + path.request.queue().name()
                    + "; deny requests without TLS"
                    + (updates ? "; merged into the existing statements" : "");
            if (path.dryRun()) {
                step = Step.planned(updates ? Action.UPDATE : Action.CREATE, POLICY, what);
            } else {
                for (Merged m : changing) {
                    sqs.setQueueAttributes(b -> b.queueUrl(m.url())
                            .attributesWithStrings(
                                    Map.of(QueueAttributes.POLICY, m.merge().json())));
                    path.changed(POLICY + " of " + m.queue() + " ("
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

    /** What the queue's own policy must say: this topic, the group's EventBridge rules if asked for, TLS only. */
    private static List<ObjectNode> queueStatements(NotificationPath path) {
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(QueuePolicy.allowTopic(path.queueArn, path.topicArn));
        path.rules.ifPresent(
                rules -> statements.add(QueuePolicy.allowRules(path.queueArn, path.group.name(), rules.arns())));
        statements.add(QueuePolicy.denyInsecureTransport(path.queueArn));
        return statements;
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
