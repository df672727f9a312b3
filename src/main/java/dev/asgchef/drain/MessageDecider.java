package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.RedrivePolicy;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.events.Event;
import dev.asgchef.events.Events;
import dev.asgchef.events.InstanceEvent;
import dev.asgchef.events.Malformed;
import dev.asgchef.events.TerminatingLifecycleAction;
import dev.asgchef.events.TestNotification;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * One message's decision, whoever received it: what the message says, what AWS says of its instance, the Chef
 * cleanup, the lifecycle completion, and the verdict. It knows no receive loop, keep-alive or lock; drain-queue's loop
 * and a Lambda handler apply its verdicts to the queue. Thread-safe: workers decide in parallel.
 */
public final class MessageDecider {
    private final DecisionSettings settings;
    private final TerminationCheck check;
    private final LifecycleActions lifecycle;
    private final NodeCleaner cleaner;
    private final RetryBackoff backoff;
    private final Reporter reporter;
    private final StopSignal stop;
    private final DeletionBudget deletions;
    private final AtomicBoolean deletionLimitReached = new AtomicBoolean();

    /**
     * @param check asks EC2 and Auto Scaling about instances; used only when the settings say to verify
     * @param autoScaling completes terminating lifecycle actions; asked for the client only when a message carries one
     * @param stop once requested, cleanups not yet started are left (verdict LEFT)
     */
    public MessageDecider(
            DecisionSettings settings,
            TerminationCheck check,
            Supplier<AutoScalingClient> autoScaling,
            NodeCleaner cleaner,
            RetryBackoff backoff,
            Reporter reporter,
            StopSignal stop) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.check = Objects.requireNonNull(check, "check");
        this.lifecycle = new LifecycleActions(autoScaling);
        this.cleaner = Objects.requireNonNull(cleaner, "cleaner");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.deletions = new DeletionBudget(settings.maxDeletions());
    }

    /**
     * Decides one message: parses it, asks AWS about its instance (one call for this message), cleans up and completes
     * its lifecycle action. Never throws: whatever goes wrong is a RETRY.
     *
     * @param receiveCount SQS's ApproximateReceiveCount, this receive included
     */
    public MessageDecision decide(String messageId, String body, int receiveCount) {
        Event event = Events.parse(body);
        TerminationCheck.Finding finding = null;
        if (settings.verifyTerminated() && event instanceof InstanceEvent instance) {
            try {
                finding = check.checkEvents(List.of(instance)).get(instance.instanceId());
            } catch (RuntimeException e) {
                reporter.detail("Verifying " + instance.instanceId() + " failed: " + e);
            }
        }
        return decide(messageId, event, receiveCount, finding, InWork.NONE);
    }

    /**
     * The verdict for a message this receiver already failed with and receives again before its backoff ran out (a
     * visibility change that did not take): handed back with its backoff, not decided again.
     */
    public MessageDecision again(String messageId, int receiveCount) {
        return MessageDecision.retry(messageId, Handling.FAILED, backoff.after(receiveCount), "already tried");
    }

    /** True once a cleanup was turned away by --max-deletions: a receiver should take no more messages. */
    public boolean deletionLimitReached() {
        return deletionLimitReached.get();
    }

    /**
     * @param finding what AWS said about the message's instance; null when it was not asked (no instance, or
     *     --no-verify-terminated) or did not answer
     */
    MessageDecision decide(
            String messageId, Event event, int receiveCount, TerminationCheck.Finding finding, InWork work) {
        try {
            if (event instanceof InstanceEvent instance) {
                return clean(messageId, instance, receiveCount, finding, work);
            }
            if (event instanceof Malformed malformed) {
                return malformed(messageId, malformed);
            }
            reporter.detail("Message " + messageId + ": " + event.describe() + ", nothing to do");
            return MessageDecision.of(
                    messageId, event instanceof TestNotification ? Handling.TEST_NOTIFICATION : Handling.IGNORED, "");
        } catch (RuntimeException e) {
            String reason = "unexpected " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")";
            return retry(messageId, Handling.FAILED, receiveCount, reason, true);
        }
    }

    /** The verdict for a message whose decision ended in an Error: left for retry, so the run still ends. */
    MessageDecision failed(String messageId, int receiveCount, Throwable error) {
        return retry(messageId, Handling.FAILED, receiveCount, "unexpected " + error, true);
    }

    /** The verdict for a cleanup still under way when the stop's grace ran out: left for retry, never deleted. */
    MessageDecision abandoned(String messageId, int receiveCount, Duration grace) {
        return retry(
                messageId,
                Handling.FAILED,
                receiveCount,
                "still in work " + grace.toSeconds() + " s after the stop: abandoned",
                true);
    }

    private MessageDecision malformed(String messageId, Malformed malformed) {
        String reason = "malformed: " + malformed.reason();
        if (settings.deleteMalformed()) {
            reporter.warn("Message " + messageId + " is malformed (" + malformed.reason() + "): deleted as"
                    + " --delete-malformed asks");
            return MessageDecision.of(messageId, Handling.MALFORMED_DELETED, reason);
        }
        reporter.warn("Message " + messageId + " is malformed (" + malformed.reason() + "): it can never be"
                + " handled; --delete-malformed drops such messages");
        return MessageDecision.of(messageId, Handling.MALFORMED, reason);
    }

    private MessageDecision clean(
            String messageId, InstanceEvent event, int receiveCount, TerminationCheck.Finding finding, InWork work) {
        String instance = event.instanceId().value();
        if (settings.verifyTerminated()) {
            if (finding == null || finding.state() == TerminationCheck.State.UNKNOWN) {
                String reason = "cannot verify that " + instance + " is terminated ("
                        + (finding == null ? "no answer" : finding.detail()) + ")";
                reporter.warn(capitalized(reason) + ": its Chef node is kept and the message left for retry"
                        + tries(receiveCount));
                return retry(messageId, Handling.UNVERIFIED, receiveCount, reason, false);
            }
            if (finding.state() == TerminationCheck.State.RUNNING) {
                String reason = instance + " is still running (" + finding.detail() + ")";
                reporter.warn(reason + ": its Chef node is kept and the message left for retry" + tries(receiveCount));
                return retry(messageId, Handling.STILL_RUNNING, receiveCount, reason, false);
            }
            reporter.detail("Verified " + instance + ": " + finding.detail());
        }
        if (stop.requested()) {
            return MessageDecision.of(messageId, Handling.NOT_STARTED, "stopping");
        }
        DeletionBudget.Grant grant = deletions.take(stop);
        if (grant == DeletionBudget.Grant.STOPPED) {
            return MessageDecision.of(messageId, Handling.NOT_STARTED, "stopping");
        }
        if (grant == DeletionBudget.Grant.EXHAUSTED) {
            turnAwayOverTheLimit();
            return MessageDecision.of(messageId, Handling.OVER_LIMIT, "over --max-deletions");
        }
        CleanupResult result = null;
        work.cleaning(true);
        try {
            result = cleaner.clean(instance);
        } finally {
            work.cleaning(false);
            deletions.release(result);
        }
        return switch (result.verdict()) {
            case CLEANED -> finish(messageId, event, receiveCount, Handling.CLEANED, work);
            case ALREADY_ABSENT -> finish(messageId, event, receiveCount, Handling.ALREADY_ABSENT, work);
            case WOULD_CLEAN -> finish(messageId, event, receiveCount, Handling.WOULD_CLEAN, work);
            case REFUSED -> {
                reporter.warn("The cleanup of " + instance + " was refused (" + result.reason()
                        + "), so its message is left for retry" + tries(receiveCount));
                yield retry(messageId, Handling.REFUSED, receiveCount, "refused: " + result.reason(), false);
            }
            case FAILED -> {
                reporter.detail("Cleanup of " + instance + " failed (" + result.reason() + "): message left for retry"
                        + tries(receiveCount));
                yield retry(messageId, Handling.FAILED, receiveCount, "cleanup failed: " + result.reason(), false);
            }
        };
    }

    /** The cleanup is done: a lifecycle action is completed, then the message may be deleted. */
    private MessageDecision finish(
            String messageId, InstanceEvent event, int receiveCount, Handling handling, InWork work) {
        if (event instanceof TerminatingLifecycleAction action) {
            String subject = "Lifecycle Action " + action.hookName() + " for " + action.instanceId();
            if (settings.dryRun()) {
                reporter.step(Step.planned(Action.COMPLETE, subject, "CONTINUE (" + action.groupName() + ")"));
            } else if (work.lifecycleEnded()) {
                reporter.step(Step.of(Action.COMPLETE, subject, Outcome.SKIPPED).withReason("already ended"));
            } else {
                try {
                    LifecycleActions.Answer answer = lifecycle.complete(action);
                    reporter.step(
                            answer == LifecycleActions.Answer.DONE
                                    ? Step.of(Action.COMPLETE, subject, Outcome.SUCCESS)
                                    : Step.of(Action.COMPLETE, subject, Outcome.SKIPPED)
                                            .withReason("already ended"));
                } catch (SdkException e) {
                    String reason = AwsFailure.reason(e);
                    reporter.step(Step.failed(Action.COMPLETE, subject, reason));
                    return retry(messageId, Handling.FAILED, receiveCount, "lifecycle completion: " + reason, false);
                }
            }
        }
        return MessageDecision.of(messageId, handling, "");
    }

    private MessageDecision retry(String messageId, Handling handling, int receiveCount, String reason, boolean warn) {
        if (warn) {
            reporter.warn("Message " + messageId + ": " + reason + ": left for retry" + tries(receiveCount));
        }
        return MessageDecision.retry(messageId, handling, backoff.after(receiveCount), reason);
    }

    private void turnAwayOverTheLimit() {
        if (deletionLimitReached.compareAndSet(false, true)) {
            reporter.warn("--max-deletions " + settings.maxDeletions().getAsInt() + " reached: the rest of the queue"
                    + " is left untouched. If this many terminations are expected, run again with a higher limit");
        }
    }

    /** {@code (receive 3 of 10 before the dead-letter queue q-dlq)}, when the receive count and redrive are known. */
    private String tries(int receiveCount) {
        if (receiveCount < 1 || settings.redrive().isEmpty()) {
            return "";
        }
        RedrivePolicy redrive = settings.redrive().get();
        String deadLetterQueue = redrive.deadLetterQueueName();
        return " (receive " + receiveCount + " of " + redrive.maxReceiveCount() + " before the dead-letter queue"
                + (deadLetterQueue.isEmpty() ? "" : " " + deadLetterQueue) + ")";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
