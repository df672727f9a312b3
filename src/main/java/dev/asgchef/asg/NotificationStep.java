package dev.asgchef.asg;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;

/**
 * The group's SNS notifications about launches and terminations (and failures of either) to {@code --topic-arn}.
 * Without a topic the step is skipped and says how to wire one up; that is also how teardown learns that an
 * instance is gone.
 */
final class NotificationStep implements ResourceStep {
    private final GroupSpec spec;

    NotificationStep(GroupSpec spec) {
        this.spec = spec;
    }

    @Override
    public String title() {
        return "SNS Notification";
    }

    @Override
    public String key() {
        return "notification";
    }

    @Override
    public Step plan() {
        return spec.notification()
                .map(n -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("AutoScalingGroupName", spec.names().group());
                    p.put("NotificationTypes", GroupSpec.Notification.TYPES);
                    return planned(n.topicArn(), p);
                })
                .orElseGet(() -> Step.of(action(), title(), Outcome.SKIPPED).withReason(skipped()));
    }

    private String skipped() {
        return "no --topic-arn; to have teardown hear of terminated instances, run: asgchef wire-notifications "
                + spec.names().group();
    }

    @Override
    public Applied apply(AsgClients aws, Built built) {
        if (spec.notification().isEmpty()) {
            return new Applied(Outcome.SKIPPED, skipped(), Map.of());
        }
        AutoScalingClient as = aws.autoScaling();
        String group = spec.names().group();
        String topic = spec.notification().get().topicArn();
        List<String> types = GroupSpec.Notification.TYPES;
        Set<String> current = new HashSet<>();
        // One group has at most 10 topics of a few types each: one page of 100 holds them all.
        as
                .describeNotificationConfigurations(
                        r -> r.autoScalingGroupNames(group).maxRecords(100))
                .notificationConfigurations()
                .stream()
                .filter(c -> topic.equals(c.topicARN()))
                .map(NotificationConfiguration::notificationType)
                .forEach(current::add);
        Map<String, Object> facts = ResourceStep.facts("topicArn", topic, "arn", topic, "types", types);
        if (current.equals(new HashSet<>(types))) {
            return Applied.exists(facts);
        }
        as.putNotificationConfiguration(
                r -> r.autoScalingGroupName(group).topicARN(topic).notificationTypes(types));
        if (current.isEmpty()) {
            built.made(new Built.Undo(
                    Action.DELETE,
                    title(),
                    () -> as.deleteNotificationConfiguration(
                            r -> r.autoScalingGroupName(group).topicARN(topic))));
            return new Applied(Outcome.SUCCESS, null, facts);
        }
        List<String> previous = List.copyOf(current);
        built.made(new Built.Undo(
                Action.RESTORE,
                title(),
                () -> as.putNotificationConfiguration(
                        r -> r.autoScalingGroupName(group).topicARN(topic).notificationTypes(previous))));
        return new Applied(Outcome.UPDATED, "NotificationTypes " + previous + " -> " + types, facts);
    }
}
