package dev.asgchef.cli;

import dev.asgchef.aws.Arn;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.notify.EventSelection;
import dev.asgchef.notify.HookSpec;
import dev.asgchef.notify.QueueSettings;
import dev.asgchef.notify.TopicRef;
import dev.asgchef.notify.WireRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** wire-notifications' own options, and the request they make. */
final class WireNotificationsOptions {
    /** The choices as the operator types them. */
    enum Events {
        terminate,
        all
    }

    @Option(
            names = "--topic",
            paramLabel = "NAME|ARN",
            order = 1,
            description = "SNS topic to create or reuse (default: GROUP-asg-events). An ARN must be in the group's"
                    + " region and account.")
    String topic;

    @Option(
            names = "--queue",
            paramLabel = "NAME|URL|ARN",
            order = 2,
            description = "SQS queue drain-queue reads, created or reused (default: GROUP-asg-events): its name, URL"
                    + " or ARN. A standard queue: FIFO queues are refused, no Auto Scaling notification or hook"
                    + " reaches one.")
    String queue;

    @Option(
            names = "--dead-letter-queue",
            paramLabel = "NAME|URL|ARN",
            order = 3,
            description = "Where messages go that failed --max-receive-count times (default: QUEUE-dlq).")
    String deadLetterQueue;

    @Option(
            names = "--max-receive-count",
            paramLabel = "N",
            order = 4,
            defaultValue = "" + QueueSettings.DEFAULT_MAX_RECEIVE_COUNT,
            description = "Receives before a message moves to the dead-letter queue; times the interval of"
                    + " drain-queue runs, the longest Chef outage ridden out (default: ${DEFAULT-VALUE}).")
    int maxReceiveCount;

    @Option(
            names = "--visibility-timeout",
            paramLabel = "SECONDS",
            order = 5,
            defaultValue = "" + QueueSettings.DEFAULT_VISIBILITY_TIMEOUT,
            description = "How long a received message stays hidden, 30 to 43200: enough for one cleanup, and the"
                    + " wait before a failed one is retried (default: ${DEFAULT-VALUE}).")
    int visibilityTimeout;

    @Option(
            names = "--retention-days",
            paramLabel = "DAYS",
            order = 6,
            defaultValue = "" + QueueSettings.DEFAULT_RETENTION_DAYS,
            description = "How long the queue keeps unread messages, 1 to 13; the dead-letter queue keeps them 14"
                    + " (default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(
            names = "--kms-key",
            paramLabel = "KEY",
            order = 7,
            description = "Encrypt the queues with this customer managed KMS key, whose policy must let"
                    + " sns.amazonaws.com use it (default: SQS-managed encryption; never alias/aws/sqs).")
    String kmsKey;

    @Option(
            names = "--raw-delivery",
            order = 8,
            description = "Deliver the Auto Scaling message itself, without the SNS envelope.")
    boolean rawDelivery;

    @Option(
            names = "--events",
            paramLabel = "WHICH",
            order = 9,
            defaultValue = "terminate",
            description = "terminate: terminations only; all: also launches and both error events (default:"
                    + " ${DEFAULT-VALUE}).")
    Events events;

    @Option(
            names = "--eventbridge",
            order = 10,
            description = "Also add EventBridge rules that send to the queue: the group's Auto Scaling terminations"
                    + " (GROUP-asg-terminate) and every EC2 instance of the region going to shutting-down or"
                    + " terminated (GROUP-ec2-terminate); the queue policy admits exactly those rules.")
    boolean eventBridge;

    @Option(
            names = "--alarm-topic",
            paramLabel = "ARN",
            order = 11,
            description = "Also add a CloudWatch alarm (QUEUE-dlq-not-empty) that notifies this SNS topic as soon as"
                    + " the dead-letter queue holds a message: a termination drain-queue could not finish.")
    String alarmTopic;

    @ArgGroup(
            exclusive = false,
            order = 20,
            heading = "%nLifecycle hook (instances wait until their node is cleaned):%n")
    Hook hook;

    @ArgGroup(exclusive = false, order = 30, heading = "%nVerification:%n")
    Verify verify;

    static final class Hook {
        @Option(
                names = "--lifecycle-hook",
                required = true,
                order = 21,
                description = "Also add an autoscaling:EC2_INSTANCE_TERMINATING hook that targets the queue.")
        boolean enabled;

        @Option(
                names = "--hook-role-arn",
                paramLabel = "ARN",
                required = true,
                order = 22,
                description = "Role Auto Scaling assumes to send to the queue: trusts autoscaling.amazonaws.com, may"
                        + " sqs:SendMessage (AWS managed policy AutoScalingNotificationAccessRole).")
        String roleArn;

        @Option(
                names = "--hook-name",
                paramLabel = "NAME",
                order = 23,
                defaultValue = HookSpec.DEFAULT_NAME,
                description = "Name of the hook (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(
                names = "--heartbeat-timeout",
                paramLabel = "SECONDS",
                order = 24,
                defaultValue = "" + HookSpec.DEFAULT_HEARTBEAT_TIMEOUT,
                description = "How long a terminating instance waits for drain-queue, 30 to 7200 (default:"
                        + " ${DEFAULT-VALUE}).")
        int heartbeatTimeout;

        @Option(
                names = "--default-result",
                paramLabel = "RESULT",
                order = 25,
                defaultValue = "CONTINUE",
                description = "What happens when nobody answers in time: ${COMPLETION-CANDIDATES} (default:"
                        + " ${DEFAULT-VALUE}; AWS's own default, ABANDON, also skips later hooks).")
        HookSpec.HookResult defaultResult;
    }

    static final class Verify {
        @Option(
                names = "--verify",
                required = true,
                order = 31,
                description = "Prove the path: wait for the test notification Auto Scaling sends through the topic,"
                        + " then delete it.")
        boolean enabled;

        @Option(
                names = "--verify-timeout",
                paramLabel = "SECONDS",
                order = 32,
                defaultValue = "60",
                description = "How long --verify waits (default: ${DEFAULT-VALUE}).")
        int timeout;
    }

    private static Arn topicArn(String text) {
        return Arn.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("--alarm-topic '" + text
                        + "' is not an ARN: pass the SNS topic's ARN" + " (arn:aws:sns:REGION:ACCOUNT:NAME)"));
    }

    /** The request these options describe; {@link IllegalArgumentException} names the option that is wrong. */
    WireRequest request(String group, boolean dryRun) {
        TopicRef topicRef = topic == null ? WireRequest.defaultTopic(group) : TopicRef.parse(topic);
        QueueRef queueRef = queue == null ? WireRequest.defaultQueue(group) : QueueRef.parse(queue);
        QueueRef deadLetterRef = deadLetterQueue == null
                ? WireRequest.defaultDeadLetterQueue(queueRef)
                : QueueRef.parse(deadLetterQueue);
        Optional<HookSpec> hookSpec = Optional.ofNullable(hook)
                .map(h -> new HookSpec(h.name, HookSpec.parseRoleArn(h.roleArn), h.heartbeatTimeout, h.defaultResult));
        return new WireRequest(
                group,
                topicRef,
                queueRef,
                deadLetterRef,
                new QueueSettings(visibilityTimeout, retentionDays, maxReceiveCount),
                Optional.ofNullable(kmsKey),
                rawDelivery,
                EventSelection.valueOf(events.name().toUpperCase(Locale.ROOT)),
                hookSpec,
                Optional.ofNullable(verify).map(v -> Duration.ofSeconds(v.timeout)),
                eventBridge,
                Optional.ofNullable(alarmTopic).map(WireNotificationsOptions::topicArn),
                dryRun);
    }
}
