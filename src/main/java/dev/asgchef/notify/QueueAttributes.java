package dev.asgchef.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.aws.Arn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The attributes the queue and its dead-letter queue must have, and how a queue's current ones differ. */
final class QueueAttributes {
    static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
    static final String RECEIVE_WAIT = "ReceiveMessageWaitTimeSeconds";
    static final String RETENTION = "MessageRetentionPeriod";
    static final String REDRIVE_POLICY = "RedrivePolicy";
    static final String SQS_MANAGED_SSE = "SqsManagedSseEnabled";
    static final String KMS_KEY = "KmsMasterKeyId";
    static final String POLICY = "Policy";
    static final String QUEUE_ARN = "QueueArn";
    static final String FIFO = "FifoQueue";

    /**
     * SQS reports these for every queue, so one missing from an answer means the endpoint does not support it (an
     * emulator such as ElasticMQ): it is left unchecked rather than "fixed" on every run.
     */
    private static final Set<String> ALWAYS_REPORTED = Set.of(VISIBILITY_TIMEOUT, RECEIVE_WAIT, RETENTION);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueueAttributes() {}

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
        wanted.put(VISIBILITY_TIMEOUT, Integer.toString(settings.visibilityTimeoutSeconds()));
        wanted.put(RECEIVE_WAIT, Integer.toString(QueueSettings.RECEIVE_WAIT_SECONDS));
        wanted.put(RETENTION, days(settings.retentionDays()));
        wanted.putAll(encryption.attributes());
        wanted.put(
                REDRIVE_POLICY,
                redrivePolicy(deadLetterQueue, settings.maxReceiveCount()).toString());
        return wanted;
    }

    static Map<String, String> forDeadLetterQueue(Encryption encryption) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(RECEIVE_WAIT, Integer.toString(QueueSettings.RECEIVE_WAIT_SECONDS));
        wanted.put(RETENTION, days(QueueSettings.DEAD_LETTER_RETENTION_DAYS));
        wanted.putAll(encryption.attributes());
        return wanted;
    }

    /** After {@code maxReceiveCount} receives without a delete, SQS moves a message to the dead-letter queue. */
    static ObjectNode redrivePolicy(Arn deadLetterQueue, int maxReceiveCount) {
        ObjectNode policy = MAPPER.createObjectNode();
        policy.put("deadLetterTargetArn", deadLetterQueue.toString());
        policy.put("maxReceiveCount", maxReceiveCount);
        return policy;
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
        return ALWAYS_REPORTED.contains(name) || name.equals(SQS_MANAGED_SSE) && !current.containsKey(KMS_KEY);
    }

    private static boolean same(String name, String current, String wanted) {
        if (current == null) {
            return false;
        }
        if (name.equals(REDRIVE_POLICY)) {
            return sameRedrive(current, wanted);
        }
        if (name.equals(SQS_MANAGED_SSE)) {
            return current.equalsIgnoreCase(wanted);
        }
        return current.equals(wanted);
    }

    /** SQS has returned maxReceiveCount both as a number and as a string; either spelling is the same policy. */
    private static boolean sameRedrive(String current, String wanted) {
        try {
            JsonNode a = MAPPER.readTree(current);
            JsonNode b = MAPPER.readTree(wanted);
            return Objects.equals(
                            a.path("deadLetterTargetArn").asText(null),
                            b.path("deadLetterTargetArn").asText(null))
                    && a.path("maxReceiveCount")
                            .asText()
                            .equals(b.path("maxReceiveCount").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A redrive policy as {@code DLQ-NAME after N receives}; any other value as it is. */
    static String shortForm(String name, String value) {
        if (value == null || !name.equals(REDRIVE_POLICY)) {
            return value;
        }
        try {
            JsonNode policy = MAPPER.readTree(value);
            String target = policy.path("deadLetterTargetArn").asText();
            return target.substring(target.lastIndexOf(':') + 1) + " after "
                    + policy.path("maxReceiveCount").asText() + " receives";
        } catch (JsonProcessingException e) {
            return value;
        }
    }

    private static String days(int days) {
        return Long.toString(Duration.ofDays(days).toSeconds());
    }
}
