package dev.asgchef.drain;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one message, and what its queue must do with it. drain-queue's loop and a Lambda handler apply the
 * verdict; neither decides anything of its own.
 *
 * @param messageId SQS's id of the message
 * @param verdict what the queue must do with the message
 * @param handling how the message ended, for the summary
 * @param retryAfter for {@link Verdict#RETRY}: how long the message stays hidden before its next try; zero otherwise
 * @param reason why, in one line, for report lines and dead-letter attributes; empty when all went well
 */
public record MessageDecision(
        String messageId, Verdict verdict, Handling handling, Duration retryAfter, String reason) {

    /** What the queue must do with the message. */
    public enum Verdict {
        /** The cleanup is done (or found nothing left, or a dry run would do it), lifecycle action completed: delete. */
        CLEANED,
        /** Nothing to clean up (a test notification, an event that is not a termination, a dropped malformed one): delete. */
        HANDLED,
        /** Not done yet (cleanup failed, instance still running, AWS did not answer): hand back for {@code retryAfter}. */
        RETRY,
        /** Can never be handled: send to the dead-letter queue with its reason, then delete. */
        POISON,
        /** Not looked at (the run is stopping, or --max-deletions was reached): back in the queue at once. */
        LEFT
    }

    public MessageDecision {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(handling, "handling");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(reason, "reason");
    }

    static MessageDecision of(String messageId, Handling handling, String reason) {
        return new MessageDecision(messageId, verdictOf(handling), handling, Duration.ZERO, reason);
    }

    static MessageDecision retry(String messageId, Handling handling, Duration after, String reason) {
        return new MessageDecision(messageId, Verdict.RETRY, handling, after, reason);
    }

    static Verdict verdictOf(Handling handling) {
        return switch (handling) {
            case CLEANED, ALREADY_ABSENT, WOULD_CLEAN -> Verdict.CLEANED;
            case TEST_NOTIFICATION, IGNORED, MALFORMED_DELETED -> Verdict.HANDLED;
            case MALFORMED, POISONED -> Verdict.POISON;
            case STILL_RUNNING, UNVERIFIED, REFUSED, FAILED, NOT_DELETED -> Verdict.RETRY;
            case OVER_LIMIT, NOT_STARTED -> Verdict.LEFT;
        };
    }
}
