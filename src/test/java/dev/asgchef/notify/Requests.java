package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.aws.QueueRef;
import java.time.Duration;
import java.util.Optional;

/** A wire-notifications request with the command's defaults, changed one field at a time by a test. */
final class Requests {
    String group = FakeAws.GROUP;
    TopicRef topic = WireRequest.defaultTopic(FakeAws.GROUP);
    QueueRef queue = WireRequest.defaultQueue(FakeAws.GROUP);
    QueueRef deadLetterQueue = WireRequest.defaultDeadLetterQueue(queue);
    QueueSettings settings = QueueSettings.defaults();
    Optional<String> kmsKey = Optional.empty();
    boolean rawDelivery;
    EventSelection events = EventSelection.TERMINATE;
    Optional<HookSpec> hook = Optional.empty();
    Optional<Duration> verify = Optional.empty();
    boolean eventBridge;
    Optional<Arn> alarmTopic = Optional.empty();
    boolean dryRun;

    static final String ROLE = "arn:aws:iam::123456789012:role/asg-notify";

    Requests hook() {
        hook = Optional.of(new HookSpec(
                HookSpec.DEFAULT_NAME,
                HookSpec.parseRoleArn(ROLE),
                HookSpec.DEFAULT_HEARTBEAT_TIMEOUT,
                HookSpec.HookResult.CONTINUE));
        return this;
    }

    Requests verify(int seconds) {
        verify = Optional.of(Duration.ofSeconds(seconds));
        return this;
    }

    /** --eventbridge and --alarm-topic ops-pager. */
    Requests eventBridgeAndAlarm() {
        eventBridge = true;
        alarmTopic = Arn.parse(FakeAws.topicArn("ops-pager"));
        return this;
    }

    WireRequest build() {
        return new WireRequest(
                group,
                topic,
                queue,
                deadLetterQueue,
                settings,
                kmsKey,
                rawDelivery,
                events,
                hook,
                verify,
                eventBridge,
                alarmTopic,
                dryRun);
    }
}
