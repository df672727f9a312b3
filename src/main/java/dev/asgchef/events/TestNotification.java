package dev.asgchef.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code autoscaling:TEST_NOTIFICATION}: sent when a notification configuration or lifecycle hook is added.
 *
 * @param groupName the group it is about, or empty
 * @param topicArn the SNS topic it came through (the envelope's {@code TopicArn}), or empty when it arrived bare (raw
 *     delivery, or a hook's test message sent straight to the queue)
 * @param time when Auto Scaling sent it, or empty when the message has no readable {@code Time}
 */
public record TestNotification(String groupName, String topicArn, Optional<Instant> time) implements Event {
    public TestNotification {
        groupName = groupName == null ? "" : groupName;
        topicArn = topicArn == null ? "" : topicArn;
        Objects.requireNonNull(time, "time");
    }

    /** A bare test notification without a time. */
    public TestNotification(String groupName) {
        this(groupName, "", Optional.empty());
    }

    @Override
    public String describe() {
        return "test notification" + (groupName.isEmpty() ? "" : " for " + groupName);
    }
}
