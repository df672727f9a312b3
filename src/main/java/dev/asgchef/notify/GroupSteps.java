package dev.asgchef.notify;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.Arn;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;

/** The Auto Scaling side: the group itself, its notification configuration, and the terminating lifecycle hook. */
final class GroupSteps {
    static final String NOTIFICATION = "SNS Notification";
    static final String HOOK = "Lifecycle Hook";
    static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

    private final AutoScalingClient autoScaling;
    private final Clock clock;

    GroupSteps(AutoScalingClient autoScaling, Clock clock) {
        this.autoScaling = autoScaling;
        this.clock = clock;
    }

    /** The group, whose ARN fixes the region and account of everything else. */
    GroupRef describe(String name) {
        Optional<AutoScalingGroup> group =
                autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name)).autoScalingGroups().stream()
                        .filter(g -> name.equals(g.autoScalingGroupName()))
                        .findFirst();
        if (group.isEmpty()) {
            throw new AsgchefException("Auto Scaling group '" + name + "' does not exist" + inRegion()
                    + ": check the name, and --region or --profile if the group lives elsewhere");
        }
        Arn arn = Arn.parse(group.get().autoScalingGroupARN())
                .orElseThrow(() -> new AsgchefException("AWS described group '" + name + "' without a usable ARN ("
                        + group.get().autoScalingGroupARN() + "): run again, and report it if it persists"));
        return new GroupRef(name, arn);
    }

    private String inRegion() {
        Region region = autoScaling.serviceClientConfiguration().region();
        return region == null ? "" : " in " + region.id();
    }

    /**
     * The notification configuration for this topic: the chosen events added to whatever the topic already hears of
     * (see {@link GroupNotifications}), put only when one is missing.
     */
    Step ensureNotifications(NotificationPath path) {
        List<String> needed = path.request.events().notificationTypes();
        GroupNotifications found = notifications(path);
        Set<String> current = found.current();
        List<String> wanted = found.with(needed);
        String topic = path.topicArn.resource();
        if (found.covers(needed)) {
            return Step.of(Action.CREATE, NOTIFICATION, Outcome.EXISTS).with("notificationTypes", wanted);
        }
        String what = String.join(", ", wanted) + " to topic " + topic
                + (current.isEmpty() ? "" : " (now " + String.join(", ", current) + ")");
        if (path.dryRun()) {
            return Step.planned(current.isEmpty() ? Action.CREATE : Action.UPDATE, NOTIFICATION, what);
        }
        put(path, found);
        path.changed(NOTIFICATION + " of group " + path.group.name() + " to topic " + topic
                + (current.isEmpty() ? " (created)" : " (updated)"));
        return current.isEmpty()
                ? Step.of(Action.CREATE, NOTIFICATION, Outcome.SUCCESS).with("notificationTypes", wanted)
                : new Step(Action.CREATE, NOTIFICATION, Outcome.UPDATED, "was " + String.join(", ", current), null)
                        .with("notificationTypes", wanted);
    }

    /**
     * Puts the configuration: the chosen events and every type the topic already had. Auto Scaling answers every put
     * with a test notification through the topic.
     */
    void put(NotificationPath path) {
        put(path, notifications(path));
    }

    private void put(NotificationPath path, GroupNotifications found) {
        path.notificationsPutAt = clock.instant();
        found.put(autoScaling, found.with(path.request.events().notificationTypes()));
    }

    private GroupNotifications notifications(NotificationPath path) {
        return GroupNotifications.read(autoScaling, path.group.name(), path.topicArn.toString());
    }

    /** The terminating lifecycle hook that targets the queue; replaced only when it differs. */
    Step ensureHook(NotificationPath path, HookSpec hook) {
        Optional<LifecycleHook> existing = autoScaling
                .describeLifecycleHooks(
                        b -> b.autoScalingGroupName(path.group.name()).lifecycleHookNames(hook.name()))
                .lifecycleHooks()
                .stream()
                .filter(h -> hook.name().equals(h.lifecycleHookName()))
                .findFirst();
        List<String> differences = existing.map(h -> differences(h, hook, path)).orElse(List.of());
        if (existing.isPresent() && differences.isEmpty()) {
            return Step.of(Action.CREATE, HOOK, Outcome.EXISTS).with("name", hook.name());
        }
        if (path.dryRun()) {
            String what =
                    existing.isEmpty() ? describe(hook, path) : hook.name() + ": " + String.join(", ", differences);
            return Step.planned(existing.isEmpty() ? Action.CREATE : Action.UPDATE, HOOK, what)
                    .with("name", hook.name());
        }
        try {
            autoScaling.putLifecycleHook(b -> b.autoScalingGroupName(path.group.name())
                    .lifecycleHookName(hook.name())
                    .lifecycleTransition(TERMINATING)
                    .notificationTargetARN(path.queueArn.toString())
                    .roleARN(hook.roleArn().toString())
                    .heartbeatTimeout(hook.heartbeatTimeoutSeconds())
                    .defaultResult(hook.defaultResult().name()));
        } catch (AwsServiceException e) {
            return Step.failed(Action.CREATE, HOOK, whyHookFailed(e, hook, path));
        }
        path.changed(HOOK + " " + hook.name() + (existing.isEmpty() ? " (created)" : " (updated)"));
        return existing.isEmpty()
                ? Step.of(Action.CREATE, HOOK, Outcome.SUCCESS).with("name", hook.name())
                : new Step(Action.CREATE, HOOK, Outcome.UPDATED, String.join(", ", differences), null)
                        .with("name", hook.name());
    }

    private static List<String> differences(LifecycleHook current, HookSpec hook, NotificationPath path) {
        List<String> differences = new ArrayList<>();
        compare(differences, "transition", current.lifecycleTransition(), TERMINATING);
        compare(differences, "target", current.notificationTargetARN(), path.queueArn.toString());
        compare(differences, "role", current.roleARN(), hook.roleArn().toString());
        compare(
                differences,
                "heartbeat timeout",
                String.valueOf(current.heartbeatTimeout()),
                Integer.toString(hook.heartbeatTimeoutSeconds()));
        compare(
                differences,
                "default result",
                current.defaultResult(),
                hook.defaultResult().name());
        return differences;
    }

    private static void compare(List<String> differences, String what, String current, String wanted) {
        if (!Objects.equals(current, wanted)) {
            differences.add(what + " " + current + " -> " + wanted);
        }
    }

    private static String describe(HookSpec hook, NotificationPath path) {
        return hook.name() + " (" + TERMINATING + " to " + path.queueArn + " as " + hook.roleArn() + ", heartbeat "
                + hook.heartbeatTimeoutSeconds() + " s, default result " + hook.defaultResult() + ")";
    }

    /**
     * PutLifecycleHook sends a test message to the target as the role and fails when it cannot: the usual cause is a
     * role Auto Scaling cannot assume, or one that may not send to the queue.
     */
    private static String whyHookFailed(AwsServiceException e, HookSpec hook, NotificationPath path) {
        String reason = AwsFailure.reason(e);
        if (!reason.toLowerCase(Locale.ROOT).contains("test message")) {
            return AwsFailure.describe(e);
        }
        String kms = path.encryption instanceof Encryption.Kms key
                ? ", and kms:GenerateDataKey and kms:Decrypt on " + key.keyId()
                : "";
        return reason + ". Let autoscaling.amazonaws.com assume " + hook.roleArn()
                + " (trust policy) and allow the role sqs:SendMessage on " + path.queueArn + kms
                + "; the AWS managed policy AutoScalingNotificationAccessRole grants the SQS part";
    }
}
