package dev.asgchef.notify;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;

/**
 * What a group tells one SNS topic about: the one desired state of a notification configuration, shared by create-asg
 * ({@code --topic-arn}) and wire-notifications.
 *
 * <p>PutNotificationConfiguration replaces the whole set of types for the topic. A command that put only the types it
 * needs would remove the ones another command or the operator configured, and the two commands would undo each other
 * on every run. So a command adds what it needs to what the topic already has and never removes a type: after one run
 * of each, in any order, both find what they need and report {@code Exists}.
 *
 * @param group the Auto Scaling group
 * @param topicArn the topic
 * @param current the types the group sends the topic now (empty when it sends nothing)
 */
public record GroupNotifications(String group, String topicArn, SortedSet<String> current) {
    public GroupNotifications {
        current = Collections.unmodifiableSortedSet(new TreeSet<>(current));
    }

    /** The group's configuration for the topic as Auto Scaling has it. */
    public static GroupNotifications read(AutoScalingClient autoScaling, String group, String topicArn) {
        SortedSet<String> types = new TreeSet<>();
        autoScaling
                .describeNotificationConfigurationsPaginator(b -> b.autoScalingGroupNames(group))
                .notificationConfigurations()
                .stream()
                .filter(c -> topicArn.equals(c.topicARN()))
                .map(NotificationConfiguration::notificationType)
                .forEach(types::add);
        return new GroupNotifications(group, topicArn, types);
    }

    /** True when the topic already hears of every type a command needs. */
    public boolean covers(Collection<String> needed) {
        return current.containsAll(needed);
    }

    /** What the configuration must be for a command that needs {@code needed}: the current types and those. */
    public List<String> with(Collection<String> needed) {
        Set<String> union = new TreeSet<>(current);
        union.addAll(needed);
        return List.copyOf(union);
    }

    /** Puts {@code types} for the topic: the whole set, so it should come from {@link #with}. */
    public void put(AutoScalingClient autoScaling, Collection<String> types) {
        autoScaling.putNotificationConfiguration(
                b -> b.autoScalingGroupName(group).topicARN(topicArn).notificationTypes(types));
    }
}
