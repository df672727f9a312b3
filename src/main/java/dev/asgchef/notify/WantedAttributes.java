package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.RedrivePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The attributes the queue and its dead-letter queue must have, and how a queue's current ones differ. */
final class WantedAttributes {
    /**
     * SQS reports these for every queue, so one missing from an answer means the endpoint does not support it (an
     * emulator such as ElasticMQ): it is left unchecked rather than "fixed" on every run.
     */
    private static final Set<String> ALWAYS_REPORTED =
            Set.of(QueueAttributes.VISIBILITY_TIMEOUT, QueueAttributes.RECEIVE_WAIT, QueueAttributes.RETENTION);

    private WantedAttributes() {}

    /** One attribute that differs: its current value ({@code null} when unset) and the wanted one. */
    record Change(String attribute, String current, String wanted) {
        String describe() {
            return attribute + " " + (current == null || current.isEmpty() ? "unset" : current) + " -> " + wanted;
        }
    }

    /** What must change, and what the endpoint did not report so could not be checked. */
    record Comparison(Map<String, String> toSet, List<Change> changes, List<String> unreported) {
        boolean unchanged() {
            return changes.isEmpty();
        }

        String describe() {
            return String.join(", ", changes.stream().map(Change::describe).toList());
        }
    }

    static Map<String, String> forQueue(QueueSettings settings, Encryption encryption, Arn deadLetterQueue) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(QueueAttributes.VISIBILITY_TIMEOUT, Integer.toString(settings.visibilityTimeoutSeconds()));
        wanted.put(QueueAttributes.RECEIVE_WAIT, Integer.toString(QueueSettings.RECEIVE_WAIT_SECONDS));
        wanted.put(QueueAttributes.RETENTION, days(settings.retentionDays()));
        wanted.putAll(encryption.attributes());
        wanted.put(
                QueueAttributes.REDRIVE_POLICY,
                RedrivePolicy.to(deadLetterQueue, settings.maxReceiveCount()).json());
        return wanted;
    }

    static Map<String, String> forDeadLetterQueue(Encryption encryption) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(QueueAttributes.RECEIVE_WAIT, Integer.toString(QueueSettings.RECEIVE_WAIT_SECONDS));
        wanted.put(QueueAttributes.RETENTION, days(QueueSettings.DEAD_LETTER_RETENTION_DAYS));
        wanted.putAll(encryption.attributes());
        return wanted;
    }

    static Comparison compare(Map<String, String> current, Map<String, String> wanted) {
        Map<String, String> toSet = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        List<String> unreported = new ArrayList<>();
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            String name = entry.getKey();
            String value = current.get(name);
            if (value == null && reportedAlways(name, current)) {
                unreported.add(name);
            } else if (!same(name, value, entry.getValue())) {
                toSet.put(name, entry.getValue());
                changes.add(new Change(name, shortForm(name, value), shortForm(name, entry.getValue())));
            }
        }
        return new Comparison(toSet, changes, unreported);
    }

    private static boolean reportedAlways(String name, Map<String, String> current) {
        // SqsManagedSseEnabled is reported by SQS for every queue since SSE-SQS became the default; an endpoint that
        // reports neither it nor a KMS key does not know about encryption.
        return ALWAYS_REPORTED.contains(name)
                || name.equals(QueueAttributes.SQS_MANAGED_SSE) && !current.containsKey(QueueAttributes.KMS_KEY);
    }

    private static boolean same(String name, String current, String wanted) {
        if (current == null) {
            return false;
        }
        if (name.equals(QueueAttributes.REDRIVE_POLICY)) {
            Optional<RedrivePolicy> now = RedrivePolicy.parse(current);
            return now.isPresent() && now.equals(RedrivePolicy.parse(wanted));
        }
        if (name.equals(QueueAttributes.SQS_MANAGED_SSE)) {
            return current.equalsIgnoreCase(wanted);
        }
        return current.equals(wanted);
    }

    /** A redrive policy as {@code DLQ-NAME after N receives}; any other value as it is. */
    static String shortForm(String name, String value) {
        if (value == null || !name.equals(QueueAttributes.REDRIVE_POLICY)) {
            return value;
        }
        return RedrivePolicy.parse(value).map(RedrivePolicy::describe).orElse(value);
    }

    private static String days(int days) {
        return Long.toString(Duration.ofDays(days).toSeconds());
    }
}
