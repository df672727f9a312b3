package dev.asgchef.asg;

import dev.asgchef.notify.EventSelection;
import dev.asgchef.notify.GroupNotifications;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * The group's SNS notifications about launches and terminations (and failures of either) to {@code --topic-arn}, added
 * to whatever the topic already hears of: wire-notifications may have configured the same topic, and neither command
 * removes what the other needs ({@link GroupNotifications}). Without a topic the step is skipped and says how to wire
 * one up; that is also how teardown learns that an instance is gone.
 */
final class NotificationStep implements ResourceStep {
    private static final List<String> TYPES = EventSelection.ALL.notificationTypes();

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
                    p.put("NotificationTypes", TYPES);
                    return planned(n.topicArn(), p);
                })
                .orElseGet(() -> Step.of(action(), title(), Outcome.SKIPPED).withReason(skipped()));
    }

    private String skipped() {
        return "no --topic-arn; to have teardown hear of terminated instances, run: asgchef wire-notifications "
                + spec.names().group();
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        if (spec.notification().isEmpty()) {
            return new Applied(Outcome.SKIPPED, skipped(), Map.of());
        }
        AutoScalingClient as = aws.autoScaling();
        GroupNotifications found = GroupNotifications.read(
                as, spec.names().group(), spec.notification().get().topicArn());
        List<String> types = found.with(TYPES);
        Map<String, Object> facts =
                ResourceStep.facts("topicArn", found.topicArn(), "arn", found.topicArn(), "types", types);
        if (found.covers(TYPES)) {
            return Applied.exists(facts);
        }
        found.put(as, types);
        if (found.current().isEmpty()) {
            resources.made(new GroupResources.Undo(
                    Action.DELETE,
                    title(),
                    () -> as.deleteNotificationConfiguration(
                            r -> r.autoScalingGroupName(found.group()).topicARN(found.topicArn()))));
            return new Applied(Outcome.SUCCESS, null, facts);
        }
        List<String> previous = List.copyOf(found.current());
        resources.made(new GroupResources.Undo(Action.RESTORE, title(), () -> found.put(as, previous)));
        return new Applied(Outcome.UPDATED, "NotificationTypes " + previous + " -> " + types, facts);
    }
}
