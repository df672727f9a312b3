package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.aws.QueueRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything one wire-notifications run is asked to do. Built by the command; checked here so that no half-valid
 * request reaches AWS.
 *
 * @param kmsKey a customer managed KMS key for the queues; empty for SQS-managed encryption
 * @param verifyTimeout how long to wait for Auto Scaling's test notification; empty for no verification
 * @param eventBridge whether to add the EventBridge rules of {@link EventRules} that target the queue
 * @param alarmTopic the SNS topic a CloudWatch alarm on the dead-letter queue notifies; empty for no alarm
 */
public record WireRequest(
        String group,
        TopicRef topic,
        QueueRef queue,
        QueueRef deadLetterQueue,
        QueueSettings queueSettings,
        Optional<String> kmsKey,
        boolean rawDelivery,
        EventSelection events,
        Optional<HookSpec> hook,
        Optional<Duration> verifyTimeout,
        boolean eventBridge,
        Optional<Arn> alarmTopic,
        boolean dryRun) {
    /** CreateAutoScalingGroup's rule: printable ASCII without the colon, 1 to 255 characters. */
    private static final Pattern GROUP = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,255}");

    private static final Pattern KMS_KEY = Pattern.compile("[A-Za-z0-9/_:+=,.@-]{1,2048}");
    private static final Pattern AWS_MANAGED_ALIAS = Pattern.compile("(?:.*:)?alias/aws/.*");
    private static final String SUFFIX = "-asg-events";

    public WireRequest {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        checkGroup(group);
        if (queue.name().equals(deadLetterQueue.name())) {
            throw new IllegalArgumentException("the dead-letter queue must not be the queue itself ('" + queue.name()
                    + "'): pass another --dead-letter-queue");
        }
        kmsKey.ifPresent(WireRequest::checkKmsKey);
        if (eventBridge) {
            EventRules.checkNameable(group);
        }
        alarmTopic.ifPresent(WireRequest::checkAlarmTopic);
        verifyTimeout.ifPresent(t -> {
            if (t.toSeconds() < 1 || t.toSeconds() > 900) {
                throw new IllegalArgumentException(
                        "--verify-timeout " + t.toSeconds() + " is out of range: use 1 to 900 seconds");
            }
        });
    }

    /** {@code GROUP-asg-events}, the topic both a new group and this command use unless told otherwise. */
    public static TopicRef defaultTopic(String group) {
        checkGroup(group);
        String name = group + SUFFIX;
        if (!isPlainName(group) || name.length() > 256) {
            throw new IllegalArgumentException("cannot derive a topic name from group '" + group
                    + "' (SNS allows letters, digits, '-' and '_', up to 256): pass --topic NAME");
        }
        return TopicRef.parse(name);
    }

    /** {@code GROUP-asg-events}; 76 characters at most, so that its dead-letter queue's name fits too. */
    public static QueueRef defaultQueue(String group) {
        checkGroup(group);
        String name = group + SUFFIX;
        if (!isPlainName(group) || name.length() > 76) {
            throw new IllegalArgumentException("cannot derive a queue name from group '" + group
                    + "' (SQS allows letters, digits, '-' and '_', up to 80): pass --queue NAME");
        }
        return QueueRef.named(name);
    }

    /** {@code QUEUE-dlq}. */
    public static QueueRef defaultDeadLetterQueue(QueueRef queue) {
        String name = queue.name() + "-dlq";
        if (name.length() > 80) {
            throw new IllegalArgumentException("cannot derive a dead-letter queue name from '" + queue.name()
                    + "' (SQS allows up to 80 characters): pass --dead-letter-queue NAME");
        }
        return QueueRef.named(name);
    }

    private static boolean isPlainName(String text) {
        return text.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }

    private static void checkGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("'" + group + "' is not an Auto Scaling group name: 1 to 255 printable"
                    + " characters, no spaces or ':'");
        }
    }

    private static void checkAlarmTopic(Arn topic) {
        if (!topic.service().equals("sns")
                || topic.region().isEmpty()
                || topic.account().isEmpty()) {
            throw new IllegalArgumentException(
                    "--alarm-topic " + topic + " is not an SNS topic ARN" + " (arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
    }

    private static void checkKmsKey(String key) {
        if (!KMS_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("--kms-key '" + key + "' is not a KMS key id, key ARN or alias");
        }
        if (AWS_MANAGED_ALIAS.matcher(key).matches()) {
            throw new IllegalArgumentException("--kms-key " + key + " is an AWS managed key, whose key policy cannot"
                    + " let SNS use it, so SNS could not deliver to the queue: omit --kms-key for SQS-managed"
                    + " encryption, or name a customer managed key whose policy allows sns.amazonaws.com");
        }
    }
}
