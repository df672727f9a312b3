package dev.asgchef.notify;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.report.Action;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires a group's notifications to a queue for drain-queue: topic, dead-letter queue, queue, queue policy,
 * subscription, notification configuration, optionally a verification of the path, a terminating lifecycle hook,
 * EventBridge rules that target the queue, and an alarm on the dead-letter queue.
 *
 * <p>First everything is read and checked (the group, where the topic and queues live, their encryption), so bad
 * input is refused before anything changes. Then each step looks, and creates or updates only what differs, so a
 * second run changes nothing. A step that fails stops the run; what earlier steps built stays, because each is
 * harmless alone and the next run reuses it, and the run says exactly what it left.
 */
public final class WireNotifications {
    static final String PATH = "Notification Path";

    private final Reporter reporter;
    private final GroupSteps group;
    private final TopicSteps topic;
    private final QueueSteps queues;
    private final EncryptionChoice encryptions;
    private final PathVerifier verifier;
    private final EventBridgeSteps rules;
    private final DeadLetterAlarm alarm;

    public WireNotifications(
            AutoScalingClient autoScaling,
            SnsClient sns,
            SqsClient sqs,
            Supplier<KmsClient> kms,
            Supplier<EventBridgeClient> eventBridge,
            Supplier<CloudWatchClient> cloudWatch,
            Reporter reporter,
            Clock clock) {
        this.reporter = reporter;
        this.group = new GroupSteps(autoScaling, clock);
        this.topic = new TopicSteps(sns, reporter);
        this.queues = new QueueSteps(sqs, reporter);
        this.encryptions = new EncryptionChoice(new KeyCheck(kms), reporter);
        this.verifier = new PathVerifier(sqs, clock);
        this.rules = new EventBridgeSteps(eventBridge);
        this.alarm = new DeadLetterAlarm(cloudWatch);
    }

    /** Runs the wiring and returns the exit code; the caller finishes the report. */
    public int run(WireRequest request) {
        reporter.announce("Wiring '" + request.group() + "' notifications to queue "
                + request.queue().name() + " through topic " + request.topic().name()
                + (request.dryRun() ? " (dry run)." : "."));
        NotificationPath path;
        try {
            path = plan(request);
        } catch (AsgchefException e) {
            throw new AsgchefException(e.getMessage() + " (nothing was changed)", e);
        } catch (SdkException e) {
            throw new AsgchefException(AwsFailure.describe(e) + " (nothing was changed)", e);
        }
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(Action.CREATE, TopicSteps.TOPIC, topic::ensureTopic));
        stages.add(new Stage(Action.CREATE, QueueSteps.DEAD_LETTER_QUEUE, queues::ensureDeadLetterQueue));
        stages.add(new Stage(Action.CREATE, QueueSteps.QUEUE, queues::ensureQueue));
        stages.add(new Stage(Action.CREATE, QueueSteps.POLICY, queues::ensurePolicies));
        stages.add(new Stage(Action.CREATE, TopicSteps.SUBSCRIPTION, topic::ensureSubscription));
        stages.add(new Stage(Action.CREATE, GroupSteps.NOTIFICATION, group::ensureNotifications));
        // The path is verified before the hook exists: the hook's own test message, sent straight to the queue,
        // would otherwise look like the topic's when raw delivery is on.
        request.verifyTimeout()
                .ifPresent(timeout -> stages.add(new Stage(Action.VERIFY, PATH, w -> verify(w, timeout))));
        request.hook()
                .ifPresent(
                        hook -> stages.add(new Stage(Action.CREATE, GroupSteps.HOOK, w -> group.ensureHook(w, hook))));
        // The queue policy above already admits these rules, so their first event can be delivered.
        path.rules.ifPresent(wanted -> wanted.rules()
                .forEach(rule -> stages.add(new Stage(
                        Action.CREATE, EventBridgeSteps.RULE + " " + rule.name(), w -> rules.ensureRule(w, rule)))));
        request.alarmTopic()
                .ifPresent(topicArn ->
                        stages.add(new Stage(Action.CREATE, DeadLetterAlarm.ALARM, w -> alarm.ensure(w, topicArn))));

        int exit = ExitStatus.OK;
        for (Stage stage : stages) {
            Step done = stage.attempt(path);
            reporter.step(done);
            if (done.outcome() == Outcome.FAILED) {
                exit = ExitStatus.FAILED;
                if (stage.action() != Action.VERIFY) {
                    reportLeftInPlace(path, stage.subject());
                    break;
                }
            }
        }
        path.results().forEach(reporter::result);
        return exit;
    }

    /** One step of the run; an AWS error it throws becomes its Failed line. */
    private record Stage(Action action, String subject, Function<NotificationPath, Step> body) {
        Step attempt(NotificationPath path) {
            try {
                return body.apply(path);
            } catch (SdkException e) {
                return Step.failed(action, subject, AwsFailure.describe(e));
            }
        }
    }

    private NotificationPath plan(WireRequest request) {
        GroupRef found = group.describe(request.group());
        request.topic().arn().ifPresent(arn -> sameHome("topic", arn.region(), arn.account(), arn.toString(), found));
        for (QueueRef queue : List.of(request.queue(), request.deadLetterQueue())) {
            sameHome("queue", queue.region().orElse(null), queue.account().orElse(null), queue.toString(), found);
        }
        request.alarmTopic().ifPresent(arn -> {
            if (!arn.region().equals(found.region())) {
                throw new AsgchefException("--alarm-topic " + arn + " is in region " + arn.region() + ", but the"
                        + " dead-letter queue's alarm is in " + found.region() + ": a CloudWatch alarm notifies"
                        + " only a topic of its own region; name a topic in " + found.region());
            }
        });
        request.hook().ifPresent(hook -> {
            if (!hook.roleArn().account().equals(found.account())) {
                throw new AsgchefException("--hook-role-arn " + hook.roleArn() + " is a role of account "
                        + hook.roleArn().account() + ", but group '" + found.name() + "' is in " + found.account()
                        + ": Auto Scaling can only use a role of the group's account");
            }
        });
        Optional<QueueAttributes> queue = queues.lookup(request.queue());
        Optional<QueueAttributes> deadLetterQueue = queues.lookup(request.deadLetterQueue());
        for (Optional<QueueAttributes> existing : List.of(queue, deadLetterQueue)) {
            if (existing.isPresent() && existing.get().fifo()) {
                throw new AsgchefException("queue " + existing.get().url() + " is a FIFO queue: a standard topic"
                        + " cannot deliver to it: name a standard queue");
            }
        }
        Encryption encryption = encryptions.choose(request, queue, found);
        return new NotificationPath(request, found, encryption, queue, deadLetterQueue);
    }

    /** ARNs and URLs from the operator must point into the group's region and account. */
    private static void sameHome(String what, String region, String account, String given, GroupRef group) {
        if (region != null && !region.equals(group.region())) {
            throw new AsgchefException("the " + what + " " + given + " is in region " + region + ", but group '"
                    + group.name() + "' is in " + group.region() + ": Auto Scaling notifies only within the group's"
                    + " region; name a " + what + " in " + group.region() + " (a bare name creates one there)");
        }
        if (account != null && !account.equals(group.account())) {
            throw new AsgchefException("the " + what + " " + given + " belongs to account " + account + ", but group '"
                    + group.name() + "' is in account " + group.account() + ": cross-account wiring needs the queue's"
                    + " owner to confirm the subscription; name a " + what + " of account " + group.account());
        }
    }

    private Step verify(NotificationPath path, Duration timeout) {
        if (path.dryRun()) {
            return Step.planned(
                    Action.VERIFY,
                    PATH,
                    "wait up to " + timeout.toSeconds() + " s for Auto Scaling's test notification in "
                            + path.request.queue().name());
        }
        if (path.notificationsPutAt == null) {
            // Unchanged configuration: putting it again makes Auto Scaling send a fresh test notification.
            group.put(path);
        }
        Instant putAt = path.notificationsPutAt;
        PathVerifier.Wait outcome = verifier.await(path.queueUrl, path.group.name(), path.topicArn, putAt, timeout);
        Step step = outcome.arrivedAfter()
                .map(after -> new Step(
                        Action.VERIFY,
                        PATH,
                        Outcome.SUCCESS,
                        "test notification arrived after " + seconds(after),
                        null))
                .orElseGet(() -> Step.failed(
                        Action.VERIFY,
                        PATH,
                        "no test notification reached " + path.request.queue().name() + " within "
                                + timeout.toSeconds() + " s"
                                + (outcome.leftovers() > 0
                                        ? " (" + outcome.leftovers() + " older ones were deleted)"
                                        : "")
                                + ": check the queue policy admits " + path.topicArn
                                + ", the topic's NumberOfNotificationsFailed metric"
                                + (path.encryption instanceof Encryption.Kms ? ", the KMS key policy" : "")
                                + ", then run again with --verify"));
        return step.with("othersSeen", outcome.others());
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private void reportLeftInPlace(NotificationPath path, String failedAt) {
        List<String> changes = path.changes();
        reporter.result("leftInPlace", changes);
        if (changes.isEmpty()) {
            reporter.warn("stopped at " + failedAt + "; this run changed nothing");
            return;
        }
        reporter.warn("stopped at " + failedAt + "; this run left in place: " + String.join(", ", changes)
                + ". None of it harms on its own: fix the cause and run the same command again to finish the"
                + " wiring, or remove them as docs/notifications.md shows");
    }
}
