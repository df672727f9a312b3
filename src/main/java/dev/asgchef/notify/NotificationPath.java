package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.aws.QueueAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notification path (group, topic, queues, subscription, EventBridge rules, alarm) as one run has found and built it so far: the identifiers each later step needs, what this run changed (so a failure
 * can say what it left in place), and the results {@code --output json} prints. URLs and ARNs of resources a dry run
 * would create are the ones they would get.
 */
final class NotificationPath {
    final WireRequest request;
    final GroupRef group;
    final Encryption encryption;
    Arn topicArn;
    final Arn queueArn;
    final Arn deadLetterQueueArn;
    /** The queues as this run found them; empty when they do not exist yet. */
    final Optional<QueueAttributes> queueFound;

    final Optional<QueueAttributes> deadLetterQueueFound;
    /** The EventBridge rules {@code --eventbridge} asks for; empty without it. */
    final Optional<EventRules> rules;

    boolean topicExists;
    String queueUrl;
    String deadLetterQueueUrl;
    String subscriptionArn;
    /** When this run put the notification configuration; null when it did not. */
    Instant notificationsPutAt;

    private final List<String> changes = new ArrayList<>();

    NotificationPath(
            WireRequest request,
            GroupRef group,
            Encryption encryption,
            Optional<QueueAttributes> queueFound,
            Optional<QueueAttributes> deadLetterQueueFound) {
        this.request = request;
        this.group = group;
        this.encryption = encryption;
        this.topicArn = request.topic()
                .arn()
                .orElseGet(() -> group.topicArn(request.topic().name()));
        this.queueFound = queueFound;
        this.deadLetterQueueFound = deadLetterQueueFound;
        this.queueArn = queueFound
                .flatMap(QueueAttributes::arn)
                .orElseGet(() -> group.queueArn(request.queue().name()));
        this.deadLetterQueueArn = deadLetterQueueFound
                .flatMap(QueueAttributes::arn)
                .orElseGet(() -> group.queueArn(request.deadLetterQueue().name()));
        this.queueUrl = queueFound.map(QueueAttributes::url).orElse(null);
        this.deadLetterQueueUrl = deadLetterQueueFound.map(QueueAttributes::url).orElse(null);
        this.rules = request.eventBridge() ? Optional.of(EventRules.forGroup(group)) : Optional.empty();
    }

    boolean dryRun() {
        return request.dryRun();
    }

    /** Records something this run created or changed, e.g. {@code SQS Queue web-asg-events (created)}. */
    void changed(String what) {
        changes.add(what);
    }

    List<String> changes() {
        return List.copyOf(changes);
    }

    Map<String, Object> results() {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("group", group.name());
        results.put("topicArn", topicArn.toString());
        results.put("queueUrl", queueUrl);
        results.put("queueArn", queueArn.toString());
        results.put("deadLetterQueueUrl", deadLetterQueueUrl);
        results.put("deadLetterQueueArn", deadLetterQueueArn.toString());
        results.put("subscriptionArn", subscriptionArn);
        results.put("notificationTypes", request.events().notificationTypes());
        results.put("rawDelivery", request.rawDelivery());
        results.put("hookName", request.hook().map(HookSpec::name).orElse(null));
        results.put("encryption", encryption.describe());
        results.put(
                "eventBridgeRuleArns",
                rules.map(r -> r.arns().stream().map(Object::toString).toList()).orElse(List.of()));
        results.put("deadLetterAlarm", request.alarmTopic().isPresent() ? DeadLetterAlarm.name(this) : null);
        return results;
    }
}
