package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.RedrivePolicy;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.events.Event;
import dev.asgchef.events.InstanceEvent;
import dev.asgchef.events.Malformed;
import dev.asgchef.events.TerminatingLifecycleAction;
import dev.asgchef.events.TestNotification;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Decides and does what one message asks, on a worker thread: checks what EC2 said about its instance, runs the
 * cleanup, completes a lifecycle action, and hands the message over to be settled with how it ended. Every message
 * it is given is settled exactly once, whatever happens.
 */
final class MessageHandler {
    private final DrainRequest request;
    private final StopSignal stop;
    private final Optional<RedrivePolicy> redrive;
    private final LifecycleActions lifecycle;
    private final NodeCleaner cleaner;
    private final Reporter reporter;
    private final BiConsumer<InFlight, Handling> settle;
    private final DeletionBudget deletions;
    private final AtomicBoolean deletionLimitReached = new AtomicBoolean();

    MessageHandler(
            DrainRequest request,
            StopSignal stop,
            QueueAttributes queue,
            LifecycleActions lifecycle,
            NodeCleaner cleaner,
            Reporter reporter,
            BiConsumer<InFlight, Handling> settle) {
        this.request = request;
        this.stop = stop;
        this.redrive = queue.redrivePolicy();
        this.lifecycle = lifecycle;
        this.cleaner = cleaner;
        this.reporter = reporter;
        this.settle = settle;
        this.deletions = new DeletionBudget(request.maxDeletions());
    }

    /** True once a cleanup was turned away by --max-deletions (N nodes deleted): the run should receive no more. */
    boolean deletionLimitReached() {
        return deletionLimitReached.get();
    }

    /**
     * @param finding what EC2 said about the message's instance; null when it was not asked (no instance, or
     *     --no-verify-terminated) or did not answer
     */
    void handle(InFlight message, TerminationCheck.Finding finding) {
        try {
            Event event = message.event();
            if (event instanceof InstanceEvent instance) {
                clean(message, instance, finding);
            } else if (event instanceof Malformed malformed) {
                malformed(message, malformed);
            } else {
                reporter.detail("Message " + message.id() + ": " + event.describe() + ", nothing to do");
                settle.accept(
                        message, event instanceof TestNotification ? Handling.TEST_NOTIFICATION : Handling.IGNORED);
            }
        } catch (RuntimeException e) {
            reporter.warn("Message " + message.id() + ": unexpected "
                    + e.getClass().getSimpleName() + " (" + e.getMessage() + "): left for retry");
            settle.accept(message, Handling.FAILED);
        }
    }

    private void malformed(InFlight message, Malformed malformed) {
        if (request.deleteMalformed()) {
            reporter.warn("Message " + message.id() + " is malformed (" + malformed.reason() + "): deleted as"
                    + " --delete-malformed asks");
            settle.accept(message, Handling.MALFORMED_DELETED);
        } else {
            reporter.warn("Message " + message.id() + " is malformed (" + malformed.reason() + "): left for the"
                    + " dead-letter queue" + tries(message) + "; --delete-malformed drops such messages");
            settle.accept(message, Handling.MALFORMED);
        }
    }

    private void clean(InFlight message, InstanceEvent event, TerminationCheck.Finding finding) {
        String instance = event.instanceId().value();
        if (request.verifyTerminated()) {
            if (finding == null || finding.state() == TerminationCheck.State.UNKNOWN) {
                reporter.warn("Cannot verify that " + instance + " is terminated ("
                        + (finding == null ? "no answer" : finding.detail())
                        + "): its Chef node is kept and the message left for retry" + tries(message));
                settle.accept(message, Handling.UNVERIFIED);
                return;
            }
            if (finding.state() == TerminationCheck.State.RUNNING) {
                reporter.warn(instance + " is still running (" + finding.detail() + "): its Chef node is kept and"
                        + " the message left for retry" + tries(message));
                settle.accept(message, Handling.STILL_RUNNING);
                return;
            }
            reporter.detail("Verified " + instance + ": " + finding.detail());
        }
        if (stop.requested()) {
            settle.accept(message, Handling.NOT_STARTED);
            return;
        }
        DeletionBudget.Grant grant = deletions.take(stop);
        if (grant == DeletionBudget.Grant.STOPPED) {
            settle.accept(message, Handling.NOT_STARTED);
            return;
        }
        if (grant == DeletionBudget.Grant.EXHAUSTED) {
            turnAwayOverTheLimit();
            settle.accept(message, Handling.OVER_LIMIT);
            return;
        }
        CleanupResult result = null;
        message.cleaning(true);
        try {
            result = cleaner.clean(instance);
        } finally {
            message.cleaning(false);
            deletions.release(result);
        }
        switch (result.verdict()) {
            case CLEANED -> finish(message, event, Handling.CLEANED);
            case ALREADY_ABSENT -> finish(message, event, Handling.ALREADY_ABSENT);
            case WOULD_CLEAN -> finish(message, event, Handling.WOULD_CLEAN);
            case REFUSED -> {
                reporter.warn("The cleanup of " + instance + " was refused (" + result.reason()
                        + "), so its message is left for retry" + tries(message));
                settle.accept(message, Handling.REFUSED);
            }
            case FAILED -> {
                reporter.detail("Cleanup of " + instance + " failed (" + result.reason() + "): message left for retry"
                        + tries(message));
                settle.accept(message, Handling.FAILED);
            }
        }
    }

    /** The cleanup is done: a lifecycle action is completed, then the message is deleted. */
    private void finish(InFlight message, InstanceEvent event, Handling handling) {
        if (event instanceof TerminatingLifecycleAction action) {
            String subject = "Lifecycle Action " + action.hookName() + " for " + action.instanceId();
            if (request.dryRun()) {
                reporter.step(Step.planned(Action.COMPLETE, subject, "CONTINUE (" + action.groupName() + ")"));
            } else if (message.lifecycleEnded()) {
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
                    reporter.step(Step.failed(Action.COMPLETE, subject, AwsFailure.reason(e)));
                    settle.accept(message, Handling.FAILED);
                    return;
                }
            }
        }
        settle.accept(message, handling);
    }

    private void turnAwayOverTheLimit() {
        if (deletionLimitReached.compareAndSet(false, true)) {
            reporter.warn("--max-deletions " + request.maxDeletions().getAsInt() + " reached: the rest of the queue"
                    + " is left untouched. If this many terminations are expected, run again with a higher limit");
        }
    }

    /** {@code (receive 3 of 10 before the dead-letter queue q-dlq)}, when SQS said how often it handed it out. */
    private String tries(InFlight message) {
        if (message.receiveCount().isEmpty() || redrive.isEmpty()) {
            return "";
        }
        String deadLetterQueue = redrive.get().deadLetterQueueName();
        return " (receive " + message.receiveCount().getAsInt() + " of "
                + redrive.get().maxReceiveCount()
                + " before the dead-letter queue"
                + (deadLetterQueue.isEmpty() ? "" : " " + deadLetterQueue) + ")";
    }
}
